"""The KPI figures as known on a past day, rebuilt from the values' history:
what a meeting saw stays what it saw, whatever is revised after it."""

import io

import pghistory
import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from scorecard.history import revised_since
from scorecard.models import MonthlyValue
from scorecard.queries import topic_rows
from tests.history_time import backdate
from tests.pages import cells, page_text
from tests.scorecard_data import OCT_2023

pytestmark = pytest.mark.django_db


def table(*options):
    out = io.StringIO()
    call_command("kpi_table", "--month", "2023-10", *options, stdout=out)
    return out.getvalue()


@pytest.fixture
def revised(kpi_data):
    """The data entered 30 days ago; today October's calls revised 2,000 → 1,500,
    September's removed, and November's added."""
    meeting = backdate(30)
    calls = MonthlyValue.objects.filter(measure=kpi_data["count"])
    with pghistory.context(reason="Force resubmitted October"):
        calls.filter(month=OCT_2023).update(value=1500)
        calls.filter(month="2023-09-01").delete()
        MonthlyValue.objects.create(measure=kpi_data["count"], area=kpi_data["areas"][0],
                                    month="2023-11-01", value=900)
    return kpi_data, meeting


def test_kpi_table_as_known_on_a_past_day_is_unchanged_by_later_revisions(revised):
    catalogue, meeting = revised
    before = table("--known", meeting.isoformat())
    now = table()
    assert f"as known on {meeting:%-d %B %Y}" in before
    assert "   2,000   " in before and "   2,000   " not in now
    assert "   1,500   " in now
    # September's 1,100 still counts in the three months as known: 1,100 + 1,100 + 2,000;
    # today it is gone, so there is no three-month figure.
    assert "   4,200   " in before and "   4,200   " not in now
    rows = topic_rows(catalogue["topic"], OCT_2023, known=meeting, trend_lines=True)
    calls = next(row for row in rows if row.measure == catalogue["count"])
    assert calls.cells["month"] == "2,000"
    assert calls.figures["trend_line"][-2:] == [1100.0, 2000.0]


def test_revised_since_lists_old_and_new_with_who_when_and_why(revised):
    catalogue, meeting = revised
    found = revised_since(meeting, [catalogue["count"]], OCT_2023.replace(year=2021), OCT_2023)
    assert [(r.month.isoformat(), r.changes) for r in found] == [
        ("2023-09-01", [("value", "1,100", "blank")]),
        ("2023-10-01", [("value", "2,000", "1,500")]),
    ]
    assert {r.reason for r in found} == {"Force resubmitted October"}
    assert found[0].who == "Direct database change"  # no user or source: SQL's own
    assert revised_since(meeting, [catalogue["duration"]], OCT_2023, OCT_2023) == []


@pytest.mark.parametrize("day", ["2023-13-01", "tomorrow", "2999-01-01"])
def test_kpi_table_refuses_a_day_that_is_not_past(kpi_data, day):
    with pytest.raises(CommandError, match="a day before today"):
        table("--known", day)



def known_page(client, name, *args, **query):
    url = reverse(f"scorecard:{name}", args=args)
    return client.get(url, query)


def test_a_topics_kpi_table_as_known_shows_what_that_day_held_and_what_was_revised(
        revised, staff_client):
    catalogue, meeting = revised
    code = catalogue["topic"].code
    then = known_page(staff_client, "topic", code, month="2023-10", known=meeting.isoformat())
    calls = next(row for row in cells(then) if row[0] == "Call Answered Volume: 999")
    assert calls[2:4] == ["2,000", "4,200"]
    text = page_text(then)
    assert f"As known on {meeting:%-d %B %Y}" in text
    assert "value: 2,000 → 1,500" in text and "Force resubmitted October" in text
    assert "See them as they stand today" in text
    now = known_page(staff_client, "topic", code, month="2023-10")
    calls = next(row for row in cells(now) if row[0] == "Call Answered Volume: 999")
    assert calls[2] == "1,500" and "See them as they stand today" not in page_text(now)
    download = known_page(staff_client, "topic_download", code, "csv", month="2023-10",
                          known=meeting.isoformat())
    assert "2,000" in download.content.decode() and "as-known" in download["Content-Disposition"]


def test_what_needs_attention_as_known_ranks_the_figures_of_that_day(revised, staff_client):
    catalogue, meeting = revised
    then = known_page(staff_client, "attention", month="2023-10", known=meeting.isoformat())
    now = known_page(staff_client, "attention", month="2023-10")

    def calls(response):
        return next(row for row in cells(response) if row[0].startswith("Call Answered"))

    assert calls(then)[4] == "17.5%"  # 14,100 against 12,000, before the revision
    assert calls(now)[4] != "17.5%"
    assert "value: 2,000 → 1,500" in page_text(then)
    assert "value: 2,000 → 1,500" not in page_text(now)


@pytest.mark.parametrize(("day", "error"), [
    ("2999-01-01", "Enter a day before today"), ("31 June 2022", "Enter a date like")])
def test_a_day_not_past_is_refused_plainly_and_the_figures_are_todays(
        revised, staff_client, day, error):
    catalogue, _ = revised
    response = known_page(staff_client, "topic", catalogue["topic"].code, month="2023-10",
                          known=day)
    assert error in page_text(response)
    assert "See them as they stand today" not in page_text(response)
    calls = next(row for row in cells(response) if row[0] == "Call Answered Volume: 999")
    assert calls[2] == "1,500"  # the month chosen still stands


def test_a_measure_page_as_known_shows_its_values_then_and_the_revisions(revised, staff_client):
    catalogue, meeting = revised
    url = reverse("scorecard:measure", args=[catalogue["count"].code])

    force = catalogue["areas"][0].name

    def recent(response):  # the recent values table: month, area, value
        return [row[::2] for row in cells(response) if len(row) == 4 and row[1] == force][:2]

    then = staff_client.get(url, {"month": "2023-10", "known": meeting.isoformat()})
    assert recent(then) == [["Oct-2023", "2,000"], ["Sep-2023", "1,100"]]
    assert "value: 2,000 → 1,500" in page_text(then)
    now = staff_client.get(url, {"month": "2023-10"})
    assert recent(now) == [["Oct-2023", "1,500"], ["Aug-2023", "1,100"]]


def test_a_stored_value_keeps_its_measure_area_and_month(kpi_data):
    """As known on a day reads a value's history by its key: moving a value would
    leave its old history under the old key."""
    value = MonthlyValue.objects.filter(measure=kpi_data["count"], month=OCT_2023).get()
    table = MonthlyValue._meta.db_table
    for column, new in (("month", "2023-11-01"), ("measure_id", kpi_data["ratio"].pk)):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f'UPDATE "{table}" SET {column} = %s WHERE id = %s',  # noqa: S608
                           [new, value.pk])
    MonthlyValue.objects.filter(pk=value.pk).update(value=2100)  # its figure may change
