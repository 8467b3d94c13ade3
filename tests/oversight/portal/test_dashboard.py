"""The overall performance dashboard: its counts are the lengths of the lists
they link to, for factory data built to known counts and for the demo; the
page's queries do not grow with the number of measures."""

import datetime
import re
from html import unescape
from urllib.parse import urlparse

import pytest
from django.urls import reverse

from oversight.portal import dashboard
from tests.factories import (
    ActionFactory,
    AreaFactory,
    DeliverableFactory,
    FindingFactory,
    InspectionFactory,
    MeasureFactory,
    MeetingFactory,
    ObjectiveFactory,
    PlanFactory,
    PriorityFactory,
    TopicFactory,
)
from tests.oversight.peel.test_views import IMPROVING
from tests.pages import page_text, queries_of, table_rows
from tests.scorecard_data import put_values

JUMP = [1000] * 12 + [1100] * 11 + [2000]  # One-Month High at Oct-2023
FLAT = [1000, 1010] * 12
SEP_2023 = datetime.date(2023, 9, 1)
OCT_END = datetime.date(2023, 10, 31)


def measure(topic, polarity, areas, values=JUMP, **options):
    made = MeasureFactory(topic=topic, polarity=polarity, areas=areas, **options)
    for area in areas:
        put_values(made, area, values)
    return made


@pytest.fixture
def board_data(db):
    """Priority 1: 5 rows, 2 concerns, 2 improvements. Priority 2: 3 rows, 2
    concerns, one row without Oct-2023. PEEL: 2 findings overdue on 31 October
    2023 and 1 with sustained improvement. Deliverables: 1 complete, 2 overdue.
    Actions: 2 overdue on 31 October 2023 (one now complete is not)."""
    plan = PlanFactory(is_current=True)
    first, second = PriorityFactory(plan=plan, number=1), PriorityFactory(plan=plan, number=2)
    force, county = AreaFactory(code="FORCE", name="Force"), AreaFactory(code="COUNTY")
    objective = ObjectiveFactory(priority=first)
    one, two = TopicFactory(priority=first, objective=objective), TopicFactory(priority=second)
    measure(one, "up_is_good", [force])
    measure(one, "down_is_good", [force])
    measure(one, "down_is_good", [force])
    measure(one, "down_is_good", [force], FLAT)
    improving = measure(one, "up_is_good", [county], IMPROVING, unit="number",
                        aggregation="mean")
    measure(two, "down_is_good", [force, county])
    late = MeasureFactory(topic=two, areas=[force])
    put_values(late, force, [5] * 12, last=SEP_2023)

    inspection = InspectionFactory(published_on=datetime.date(2022, 7, 1))
    FindingFactory(inspection=inspection, kind="afi", target_date=datetime.date(2023, 3, 31))
    FindingFactory(inspection=inspection, kind="afi", target_date=datetime.date(2023, 9, 30),
                   measures=[improving])
    FindingFactory(inspection=inspection, kind="afi", status="closed",
                   target_date=datetime.date(2023, 1, 31))
    FindingFactory(inspection=inspection, kind="afi", target_date=datetime.date(2023, 12, 31))

    DeliverableFactory(objective=objective, progress=100)
    DeliverableFactory(objective=objective, due_date=datetime.date(2023, 6, 30), progress=10)
    DeliverableFactory(objective=objective, due_date=datetime.date(2023, 9, 30), progress=90)

    meeting = MeetingFactory(date=datetime.date(2023, 6, 5))
    ActionFactory(meeting=meeting, due_date=datetime.date(2023, 7, 1))
    ActionFactory(meeting=meeting, due_date=datetime.date(2023, 8, 1), organisation="opcc")
    ActionFactory(meeting=meeting, due_date=datetime.date(2023, 8, 1), status="complete")
    ActionFactory(meeting=meeting, due_date=datetime.date(2023, 12, 1))
    return {"plan": plan, "priorities": (first, second)}


COUNTED = re.compile(r'<a class="govuk-link" href="([^"]+)">\s*(\d+)')
LISTS = {"/scorecard/attention/", "/peel/", "/deliverables/", "/elg/actions/",
         "/scorecard/freshness/"}


def count_links(html):
    """(address, the count it shows) of every count on the page that opens a list."""
    found = [(unescape(href), int(n)) for href, n in COUNTED.findall(html)]
    return [(href, n) for href, n in found if urlparse(href).path in LISTS]


def listed(client, href) -> int:
    """How many rows the list at `href` shows."""
    response = client.get(href)
    assert response.status_code == 200, href
    rows = table_rows(response)[-1]  # the page's list is its last table
    if urlparse(href).path == "/scorecard/freshness/":
        return sum("Missing" in row for row in rows)
    return len(rows)


def test_counts_are_the_known_ones_and_each_opens_a_list_of_that_length(
        board_data, lead_client):
    response = lead_client.get(reverse("dashboard") + "?month=2023-10")
    html = response.content.decode()
    rows = table_rows(response)
    by_priority = [row for table in rows for row in table if row[0].startswith(("1.", "2."))]
    assert [[int(cell.split()[0]) for cell in row[1:]] for row in by_priority] == [
        [5, 2, 2], [3, 2, 0]]
    text = page_text(response)
    assert "As at 31 October 2023, with the force's data to October 2023" in text
    assert "1 measure and area without data for October 2023" in text
    assert "2 findings past their target date and not closed on 31 October 2023" in text
    assert "1 finding with sustained improvement on every linked measure" in text
    assert "2 actions overdue on 31 October 2023" in text
    links = count_links(html)
    assert len(links) >= 6 + 2 + 4 + 1 + 1  # priorities, PEEL, deliverables, actions, data
    for href, count in links:
        assert listed(lead_client, href) == count, href


def test_a_review_meetings_page_links_to_the_dashboard_as_at_its_date(
        board_data, staff_client):
    review = MeetingFactory(date=datetime.date(2023, 11, 14), kind="review",
                            topic="PEEL Plan / Overall Performance dashboard review")
    html = staff_client.get(review.get_absolute_url()).content.decode()
    assert reverse("dashboard") + "?on=2023-11-14" in html
    text = page_text(staff_client.get(reverse("dashboard") + "?on=2023-11-14"))
    # Mid-November, the newest data a meeting could have seen are October's.
    assert "As at 14 November 2023, with the force's data to October 2023" in text


def test_the_chart_is_drawn_from_the_same_counts(board_data):
    board = dashboard.build(datetime.date(2023, 10, 1), OCT_END)
    figure = dashboard.chart(board.lines)
    concerns, improvements = figure["data"]
    assert list(concerns["y"]) == [2, 2] and list(improvements["y"]) == [2, 0]
    assert dashboard.chart_summary(board).startswith("In all, 4 concerns and 2 improvements.")


def test_top_measures_are_ranked_by_weighting_and_leave_out_zero():
    class Row:
        def __init__(self, weighting, position):
            self.weighting, self.position, self.movement = weighting, position, ""

    rows = [Row(5, 0), Row(0, 1), Row(25, 2), Row(5, 3), Row(9, 4), Row(1, 5), Row(2, 6)]
    line = dashboard.PriorityLine(None, rows)
    assert [(r.weighting, r.position) for r in line.top] == [(25, 2), (9, 4), (5, 0), (5, 3),
                                                             (2, 6)]


def test_parts_a_reader_may_not_open_are_left_out(board_data, client):
    from django.contrib.auth.models import Permission

    from tests.factories import UserFactory

    reader = UserFactory()
    reader.user_permissions.add(Permission.objects.get(codename="read_scorecard"))
    client.force_login(reader)
    text = page_text(client.get(reverse("dashboard")))
    assert "Measures by priority" in text
    for part in ("PEEL findings", "Deliverables of the Plan", "Overdue ELG actions"):
        assert part not in text


def test_the_dashboard_issues_the_same_queries_for_more_measures(board_data, lead_client):
    url = reverse("dashboard") + "?month=2023-10"
    before = queries_of(lead_client, url)
    first, second = board_data["priorities"]
    topic = TopicFactory(priority=second)
    areas = [AreaFactory() for _ in range(3)]
    for _ in range(6):
        measure(topic, "down_is_good", areas)
    assert queries_of(lead_client, url) == before


def test_an_unknown_month_is_refused_plainly(board_data, lead_client):
    response = lead_client.get(reverse("dashboard") + "?month=2030-01")
    assert "Choose a month that has data" in page_text(response)
    assert "with the force's data to October 2023" in page_text(response)
