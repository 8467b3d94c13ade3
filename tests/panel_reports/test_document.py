"""A highlight report's document (panel_reports/document.py): a draft built from the
Plan and the scorecard, acronyms at first use, deliverables as at the period's end,
in a bounded number of queries."""

import datetime

from django.db import connection
from django.urls import reverse

from oversight.plan.models import Deliverable
from panel_reports import document, workflow
from panel_reports.models import Acronym, Report
from tests.factories import DeliverableFactory, MeasureFactory
from tests.history_time import made_by
from tests.pages import cells
from tests.panel_reports.reports import DEC
from tests.scorecard_data import OCT_2023, put_values


def test_a_draft_starts_from_the_plan_and_the_scorecard(draft, kpi_data):
    assert [s.priority.number for s in draft.sections.all()] == [1]
    page = draft.topic_pages.get()
    assert page.topic == kpi_data["topic"]
    # SO WHAT starts from the data summary, its figures written as tokens.
    assert "Call Answered Volume: 999 is recording a year-on-year increase of " \
           "[[CALLS:change]]." in page.so_what
    assert "[[WAIT/COUNTY:month]]" in page.so_what


def test_acronyms_are_explained_at_first_use_and_listed_at_the_end(draft, staff):
    Acronym.objects.create(acronym="CCC", meaning="Command Control Centre")
    Acronym.objects.create(acronym="ELG", meaning="Executive Leadership Group")
    draft.sections.update(outcomes="CCC recruitment.\nMore CCC staff.")
    parts = document.build(draft)["parts"]
    outcomes = parts[0]["outcomes"]
    assert outcomes[0][0] == ["CCC", "Command Control Centre"]
    assert outcomes[1] == [["More CCC staff.", None]]
    assert parts[-1]["entries"] == [{"acronym": "CCC", "meaning": "Command Control Centre"}]


def test_deliverables_are_shown_with_their_status_at_the_periods_end(draft, staff_client):
    made_by(datetime.date(2023, 12, 31))
    response = staff_client.get(reverse("panel_reports:part", args=[draft.pk, "priority-1"]))
    table = cells(response)
    assert table[0] == ["Action", "Date due", "Progress", "Status at 31 December 2023"]
    assert len(table) == 2  # the current plan's one deliverable


def test_deliverables_progress_is_as_known_at_the_periods_end(draft):
    Deliverable.objects.update(progress=40)
    made_by(datetime.date(2023, 12, 31))  # 40% as the quarter ended
    Deliverable.objects.update(progress=90)  # and 90% today
    late = DeliverableFactory(objective=Deliverable.objects.get().objective,
                              start_date=datetime.date(2023, 9, 1))  # added after the quarter
    shown = document.build(draft)["parts"][0]["deliverables"]
    assert [row["progress"] for row in shown] == [40]
    assert late.action not in str(shown)


def test_building_a_draft_reads_in_a_bounded_number_of_queries(draft, kpi_data, staff):
    from django.test.utils import CaptureQueriesContext

    from scorecard.models import ComparatorValue

    def build_queries(report):
        document.build(report)  # figures computed and cached
        with CaptureQueriesContext(connection) as captured:
            document.build(report)
        return len(captured)

    small = build_queries(draft)
    for _ in range(5):  # more topics, each with a comparison with other forces
        measure = MeasureFactory(areas=[kpi_data["areas"][0]])
        put_values(measure, kpi_data["areas"][0], [5] * 24)
        ComparatorValue.objects.create(
            measure=measure, comparator="national", period_start=datetime.date(2023, 4, 1),
            period_end=datetime.date(2023, 6, 1), value=3)
        ComparatorValue.objects.create(
            measure=measure, comparator="force", period_start=datetime.date(2023, 4, 1),
            period_end=datetime.date(2023, 6, 1), value=4)
    bigger = workflow.create_draft(Report(period_start=datetime.date(2023, 6, 1),
                                          period_end=DEC, reference_month=OCT_2023), staff)
    assert sum(bool(p.get("comparisons")) for p in document.build(bigger)["parts"]) == 5
    assert build_queries(bigger) == small
