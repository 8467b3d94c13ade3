"""The KPI figures as known on a past day, rebuilt from the values' history:
what a meeting saw stays what it saw, whatever is revised after it."""

import io

import pghistory
import pytest
from django.core.management import CommandError, call_command

from scorecard.history import revised_since
from scorecard.models import MonthlyValue
from scorecard.queries import topic_rows
from tests.history_time import backdate
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

