"""The 56-day response clock (oversight/peel/clock.py): the date a response is due,
the countdown, and a published response stopping it."""

from datetime import date

import pytest

from oversight.peel.clock import response_clock, response_due


@pytest.mark.parametrize(("published", "due"), [
    (date(2022, 7, 1), date(2022, 8, 26)),
    (date(2022, 7, 31), date(2022, 9, 25)),  # from a month's last day
    (date(2023, 1, 5), date(2023, 3, 2)),  # February of 28 days
    (date(2024, 1, 5), date(2024, 3, 1)),  # February of 29 days
    (date(2024, 2, 29), date(2024, 4, 25)),  # published on a leap day
    (date(2023, 12, 20), date(2024, 2, 14)),  # across the year end
    (date(2100, 1, 5), date(2100, 3, 2)),  # 2100 is not a leap year
])
def test_the_response_is_due_56_days_after_publication(published, due):
    assert response_due(published) == due


@pytest.mark.parametrize(("today", "days_left", "overdue", "state"), [
    (date(2024, 1, 5), 56, False, "56 days left"),
    (date(2024, 2, 29), 1, False, "1 day left"),
    (date(2024, 3, 1), 0, False, "Due today"),
    (date(2024, 3, 2), -1, True, "Overdue by 1 day"),
    (date(2024, 3, 31), -30, True, "Overdue by 30 days"),
])
def test_the_clock_counts_down_to_the_due_date(today, days_left, overdue, state):
    clock = response_clock(date(2024, 1, 5), None, today)
    assert (clock.days_left, clock.overdue, clock.state) == (days_left, overdue, state)


def test_a_published_response_stops_the_clock():
    on_time = response_clock(date(2024, 1, 5), date(2024, 3, 1), date(2024, 6, 1))
    assert not on_time.overdue and not on_time.responded_late
    assert on_time.state == "Published 1 March 2024, by the due date"
    late = response_clock(date(2024, 1, 5), date(2024, 3, 2), date(2024, 6, 1))
    assert not late.overdue and late.responded_late
    assert late.state == "Published 2 March 2024, after the due date"
