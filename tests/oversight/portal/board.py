"""`board_data`: factory data built to the dashboard's known counts (a fixture every
test module may use: the conftest registers this module), and how a test reads the
counts the dashboard links and the lengths of the lists they open."""

import datetime
import re
from html import unescape
from urllib.parse import urlparse

import pytest

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
from tests.oversight.peel.findings import IMPROVING
from tests.pages import table_rows
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
    # The page's list is its last table, but for what has changed since the day
    # a page is as known on.
    rows = table_rows(response, leaving_out="pcc-revised-since")[-1]
    if urlparse(href).path == "/scorecard/freshness/":
        return sum("Missing" in row for row in rows)
    return len(rows)
