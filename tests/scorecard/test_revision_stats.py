"""Revisions as a data-quality figure, from the values' history: how many
values were revised after first entry, by how much, and how long after their month."""

import math

import pandas as pd
import pghistory
import pytest
from django.urls import reverse

from scorecard.data_revisions import series_revisions
from scorecard.models import MonthlyValue
from scorecard.revision_stats import revision_figures
from tests.history_time import backdate
from tests.pages import page_text, queries_of, table_rows
from tests.scorecard.test_kpi_views import more_measures
from tests.scorecard_data import OCT_2023


def test_share_size_and_lag_of_revisions_for_each_series():
    held = pd.DataFrame({"measure": [1, 1, 2], "area": [1, 2, 1], "values": [10, 4, 0]})
    revised = pd.DataFrame({
        "measure": [1, 1, 1, 1], "area": [1, 1, 1, 2],
        "first": [100.0, 200.0, 50.0, 0.0], "last": [110.0, 150.0, 25.0, 5.0],
        "removed": [False, True, False, False], "days": [20.0, 40.0, 60.0, 3.0]})
    table = revision_figures(held, revised).set_index(["measure", "area"])
    one = table.loc[(1, 1)]
    assert (one["values"], one["revised"], one["share"]) == (10, 3, 30.0)
    # 10% up and 50% down; the removed value is counted, not sized.
    assert one["median_change"] == pytest.approx(30.0)
    assert one["largest_change"] == pytest.approx(50.0)
    assert (one["removed"], one["median_days"]) == (1, 40.0)
    # From zero, no share can be measured; the revision still counts.
    two = table.loc[(1, 2)]
    assert two["revised"] == 1 and math.isnan(two["median_change"])
    untouched = table.loc[(2, 1)]
    assert untouched["revised"] == 0 and math.isnan(untouched["share"])


@pytest.fixture
def revisions(kpi_data):
    """October's calls revised 2,000 → 1,500 and September's removed, 30 days
    after they were entered; one of 24 values in each case."""
    backdate(30)
    calls = MonthlyValue.objects.filter(measure=kpi_data["count"])
    with pghistory.context(reason="Force resubmitted"):
        calls.filter(month=OCT_2023).update(value=1500)
        calls.filter(month="2023-09-01").delete()
    return kpi_data


@pytest.mark.django_db
def test_the_figures_come_from_the_values_history(revisions):
    calls = revisions["count"]
    [series] = series_revisions([calls], OCT_2023.replace(year=2020), OCT_2023)
    assert (series.values, series.revised, series.removed) == (24, 2, 1)
    assert series.median_change == pytest.approx(25.0)  # 2,000 → 1,500; September: removed
    assert series.summary.startswith("2 of 24 values (8%) revised, by a median of 25.0%")
    untouched = series_revisions([revisions["ratio"]], OCT_2023.replace(year=2020), OCT_2023)
    assert untouched[0].revised == 0 and untouched[0].summary == "None of 24 values revised"


@pytest.mark.django_db
def test_the_data_revisions_page_ranks_the_most_revised_first(revisions, staff_client):
    response = staff_client.get(reverse("scorecard:data_revisions"))
    first = table_rows(response)[0][0]
    assert first[0].startswith("Call Answered Volume: 999") and first[1:3] == ["24", "2 (8%)"]
    assert first[3:6] == ["25.0%", "25.0%", "1"]
    assert "2 of 72 values revised" in page_text(response)
    measure = staff_client.get(reverse("scorecard:measure", args=[revisions["count"].code]))
    assert "2 of 24 values (8%) revised, by a median of 25.0% (largest 25.0%), 1 removed" \
        in page_text(measure)


@pytest.mark.django_db
def test_the_page_issues_the_same_queries_for_more_measures(revisions, staff_client):
    url = reverse("scorecard:data_revisions")
    before = queries_of(staff_client, url)
    more_measures(revisions, count=6)
    assert queries_of(staff_client, url) == before
