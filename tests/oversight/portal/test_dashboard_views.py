"""The overall performance dashboard page (oversight/portal/dashboard_views.py): each
count is the length of the list it opens, parts a reader may not open are left out,
and the queries do not grow with the number of measures."""

import datetime

import pghistory
from django.urls import reverse

from elg.models import Action
from oversight.peel.models import Finding
from scorecard.models import MonthlyValue
from tests.factories import (
    AreaFactory,
    MeetingFactory,
    TopicFactory,
)
from tests.history_time import backdate
from tests.oversight.portal.board import count_links, listed, measure
from tests.pages import page_text, queries_of, table_rows


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
    # The meeting is over: the dashboard as known at the end of its day.
    assert reverse("dashboard") + "?on=2023-11-14&amp;known=2023-11-14" in html
    text = page_text(staff_client.get(reverse("dashboard") + "?on=2023-11-14"))
    # Mid-November, the newest data a meeting could have seen are October's.
    assert "As at 14 November 2023, with the force's data to October 2023" in text


def test_parts_a_reader_may_not_open_are_left_out(board_data, client, monkeypatch):
    from oversight.core.roles import ROLE_PERMISSIONS, Perm, Role
    from tests.factories import UserFactory

    # A role that may read the scorecard and nothing else.
    monkeypatch.setitem(ROLE_PERMISSIONS, Role.PANEL_MEMBER, frozenset({Perm.READ_SCORECARD}))
    client.force_login(UserFactory(role=Role.PANEL_MEMBER))
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


def test_the_dashboard_as_known_on_a_past_day_shows_what_that_day_held(
        board_data, lead_client):
    """After the day: October corrected, every action completed and every finding
    closed. As known on the day, the dashboard's counts are those it showed then,
    and each opens a list of that length; what has changed since is listed."""
    day = backdate(30)
    with pghistory.context(reason="Force corrected October"):
        MonthlyValue.objects.filter(month="2023-10-01").update(value=1000)
    Action.objects.update(status="complete")
    Finding.objects.update(status="closed")
    url = reverse("dashboard") + f"?month=2023-10&known={day.isoformat()}"
    response = lead_client.get(url)
    text = page_text(response)
    rows = table_rows(response)
    by_priority = [row for table in rows for row in table if row[0].startswith(("1.", "2."))]
    assert [[int(cell.split()[0]) for cell in row[1:]] for row in by_priority] == [
        [5, 2, 2], [3, 2, 0]]
    assert f"As known on {day:%-d %B %Y}" in text
    assert "2 findings past their target date and not closed on 31 October 2023" in text
    assert "2 actions overdue on 31 October 2023" in text
    assert "Force corrected October" in text
    for href, count in count_links(response.content.decode()):
        if "/elg/actions/" not in href:  # the actions log lists actions as they stand
            assert listed(lead_client, href) == count, href
    now = page_text(lead_client.get(reverse("dashboard") + "?month=2023-10"))
    assert "0 findings past their target date" in now and "0 actions overdue" in now
