"""The stored KPI figures (scorecard/figure_store.py, scorecard/figures.py):
after any change, what is stored is what computing every figure afresh gives;
only the months a change reaches are recomputed; a page recomputes small work
itself, and otherwise shows the figures as they were, says so, and leaves
the work to the worker."""

import datetime

import numpy as np
import pandas as pd
import pytest
from django.db import connection
from django.urls import reverse

from oversight.core.locks import Busy
from scorecard import computing, figure_store, stats
from scorecard.models import Figure, FigureState, MethodSettings, MonthlyValue
from tests.locking import held, other_session
from tests.scorecard_data import OCT_2023, put_values

KEY = ["month", "measure", "area"]


def stored() -> pd.DataFrame:
    frame = pd.DataFrame(list(Figure.objects.values("month", "measure", "area",
                                                     *stats.FIGURE_COLUMNS)))
    return frame.sort_values(KEY).reset_index(drop=True)


def afresh() -> pd.DataFrame:
    frame = computing.compute(computing.month_range())
    return frame.sort_values(KEY).reset_index(drop=True)


def assert_as_if_computed_afresh() -> None:
    mine, theirs = stored(), afresh()
    assert len(mine) == len(theirs) > 0
    for column in mine.columns:
        left, right = mine[column].to_numpy(), theirs[column].to_numpy()
        if right.dtype.kind == "f":
            left = left.astype(float)
            assert np.allclose(left, right, equal_nan=True), column
        else:
            assert list(left) == list(right), column


def months_written() -> int:
    return FigureState.objects.get().months


def test_each_change_recomputes_the_months_it_reaches_and_no_more(kpi_data):
    assert figure_store.refresh()
    assert_as_if_computed_afresh()
    every = len(computing.month_range())
    assert months_written() == every

    measure, force = kpi_data["count"], kpi_data["areas"][0]
    MonthlyValue.objects.filter(measure=measure, month=datetime.date(2023, 6, 1)).update(value=1)
    assert not figure_store.is_current() and figure_store.refresh()
    assert_as_if_computed_afresh()
    assert months_written() == 5  # Jun..Oct 2023

    put_values(measure, force, [9999], last=datetime.date(2023, 11, 1))  # a new month
    figure_store.refresh()
    assert_as_if_computed_afresh()
    assert months_written() == 1 and Figure.objects.latest("month").month.month == 11

    MonthlyValue.objects.filter(month__lt=datetime.date(2022, 1, 1)).delete()  # fewer months
    figure_store.refresh()
    assert_as_if_computed_afresh()
    assert Figure.objects.earliest("month").month == datetime.date(2022, 1, 1)


@pytest.mark.parametrize("change", ["fixed baseline", "value in a fixed baseline", "method"])
def test_a_change_reaching_every_month_recomputes_them_all(kpi_data, change):
    measure = kpi_data["count"]
    if change != "fixed baseline":
        measure.baseline_start, measure.baseline_end = (datetime.date(2022, 1, 1),
                                                        datetime.date(2022, 12, 1))
        measure.save()
    figure_store.refresh()
    if change == "fixed baseline":
        measure.baseline_start, measure.baseline_end = (datetime.date(2022, 1, 1),
                                                        datetime.date(2022, 12, 1))
        measure.save()
    elif change == "value in a fixed baseline":
        MonthlyValue.objects.filter(measure=measure, month=datetime.date(2022, 12, 1)).update(
            value=1)
    else:
        MethodSettings.objects.create(weight_one=40)
    figure_store.refresh()
    assert_as_if_computed_afresh()
    assert months_written() == len(computing.month_range())


def test_a_large_rewrite_replaces_the_table_with_its_key_and_index(kpi_data, monkeypatch):
    monkeypatch.setattr(figure_store, "REPLACE_ROWS", 1)
    figure_store.refresh()
    MethodSettings.objects.create(weight_one=40)
    figure_store.refresh()
    assert_as_if_computed_afresh()
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'scorecard_figure'")
        assert {name for (name,) in cursor.fetchall()} == {"scorecard_figure_pkey",
                                                           "figure_month_weighting"}


@pytest.mark.parametrize("replace_rows", [1, 10**9], ids=["new table", "in place"])
def test_a_refresh_reads_and_computes_a_few_series_at_a_time(kpi_data, monkeypatch,
                                                              replace_rows):
    monkeypatch.setattr(figure_store, "REPLACE_ROWS", replace_rows)
    series = len(computing.series_table())
    span = len(computing.month_range()) + computing.MONTHS_NEEDED - 1
    monkeypatch.setattr(computing, "PART_VALUES", 2 * span)  # two series a part
    reads, read_values = [], computing.read_values

    def counted(first, last, part, **options):
        reads.append((len(part), options["only_theirs"]))
        return read_values(first, last, part, **options)

    monkeypatch.setattr(computing, "read_values", counted)
    figure_store.refresh()
    assert series > 2 and reads == [(2, True)] * (series // 2) + [(1, True)] * (series % 2)
    assert_as_if_computed_afresh()


def test_a_change_reaching_most_months_recomputes_them_all(kpi_data):
    figure_store.refresh()
    held = computing.month_range()  # newest first
    changed = held[len(held) * 3 // 5]  # it and the 60% of months after it
    MonthlyValue.objects.filter(measure=kpi_data["count"], month=changed).update(value=1)
    figure_store.refresh()
    assert_as_if_computed_afresh()
    assert months_written() == len(computing.month_range())


def test_a_refresh_that_stopped_leaves_nothing_in_the_way_of_the_next(kpi_data, monkeypatch):
    monkeypatch.setattr(figure_store, "REPLACE_ROWS", 1)
    with connection.cursor() as cursor:  # a half-filled new table, left behind
        cursor.execute(f'CREATE TABLE "{figure_store.NEXT}" (month date)')
        cursor.execute(f'INSERT INTO "{figure_store.NEXT}" VALUES (%s)', [OCT_2023])  # noqa: S608
    assert figure_store.refresh()
    assert_as_if_computed_afresh()


def topic_page(client, catalogue) -> str:
    url = reverse("scorecard:topic", args=[catalogue["topic"].code]) + "?month=2023-10"
    return client.get(url).content.decode()


RECOMPUTING = "The figures are being recomputed after a change to the data"


def test_a_page_recomputes_small_work_itself(kpi_data, staff_client):
    assert RECOMPUTING not in topic_page(staff_client, kpi_data)
    assert figure_store.is_current()


def test_larger_work_is_left_to_the_worker_and_the_page_says_so(
        kpi_data, staff_client, settings, worker):
    figure_store.refresh()
    MonthlyValue.objects.filter(measure=kpi_data["count"], month=OCT_2023).update(value=1)
    settings.FIGURES_IN_REQUEST_VALUES = 0
    page = topic_page(staff_client, kpi_data)
    assert RECOMPUTING in page and "4,200" in page  # 3 months to Oct-2023, as it was
    topic_page(staff_client, kpi_data)
    assert [ran.task for ran in worker()] == ["scorecard.tasks.refresh_figures"]  # once
    page = topic_page(staff_client, kpi_data)
    assert RECOMPUTING not in page and "4,200" not in page and "2,201" in page


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("url", ["scorecard:attention", "dashboard", "scorecard:topic"])
def test_during_a_bulk_load_pages_show_the_figures_as_they_were_without_reading_values(
        kpi_data, staff_client, url):
    figure_store.refresh()
    args = [kpi_data["topic"].code] if url == "scorecard:topic" else []
    MonthlyValue.objects.filter(measure=kpi_data["count"], month=OCT_2023).update(value=1)
    with connection.cursor() as cursor:
        cursor.execute("SET lock_timeout = '100ms'")  # a read of the values would fail fast
    with held("scorecard_monthlyvalue"):
        response = staff_client.get(reverse(url, args=args) + "?month=2023-10")
    page = response.content.decode()
    assert response.status_code == 200 and RECOMPUTING in page
    assert "Call Answered Volume: 999" in page or "1 measure" in page
    if url == "dashboard":
        assert "are not counted while monthly values are being loaded" in page
    if url == "scorecard:topic":
        assert "4,200" in page  # 3 months to Oct-2023, as stored before the change


def values_locks_held() -> int:
    with connection.cursor() as cursor:
        cursor.execute("""SELECT count(*) FROM pg_locks WHERE pid = pg_backend_pid()
                          AND relation = 'scorecard_monthlyvalue'::regclass""")
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_a_bulk_load_waits_for_the_refresh_to_read_the_values_not_to_write_them(
        kpi_data, monkeypatch):
    held_while_writing = []
    copy = figure_store._copy

    def copying(*args):
        held_while_writing.append(values_locks_held())
        copy(*args)

    monkeypatch.setattr(figure_store, "_copy", copying)
    assert figure_store.refresh()
    assert held_while_writing == [0]


@pytest.mark.django_db(transaction=True)
def test_a_refresh_that_meets_a_bulk_load_is_busy_and_lets_the_next_one_start(kpi_data):
    with connection.cursor() as cursor:
        cursor.execute("SET lock_timeout = '200ms'")
    with held("scorecard_monthlyvalue"), pytest.raises(Busy):
        figure_store.refresh()
    with other_session() as other:
        assert other.execute("SELECT pg_try_advisory_lock(%s)",
                             [figure_store.REFRESH_LOCK]).fetchone()[0]
    assert figure_store.refresh() and figure_store.is_current()
