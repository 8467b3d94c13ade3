"""The 56-day response clock (oversight/peel/clock.py): the date a response is due,
the countdown, and a published response stopping it."""

from datetime import date

import pytest

from oversight.core.periods import Counting, last_day
from oversight.peel.clock import response_clock, response_due


@pytest.mark.parametrize(("published", "due"), [
    (date(2022, 7, 1), date(2022, 8, 25)),
    (date(2022, 7, 31), date(2022, 9, 24)),  # from a month's last day
    (date(2022, 8, 6), date(2022, 9, 30)),  # to a month's last day
    (date(2023, 1, 5), date(2023, 3, 1)),  # February of 28 days
    (date(2024, 1, 5), date(2024, 2, 29)),  # February of 29 days: to the leap day
    (date(2024, 2, 29), date(2024, 4, 24)),  # published on a leap day
    (date(2023, 12, 20), date(2024, 2, 13)),  # across the year end
    (date(2023, 11, 6), date(2023, 12, 31)),  # to the year's last day
    (date(2100, 1, 5), date(2100, 3, 1)),  # 2100 is not a leap year
])
def test_the_last_day_is_the_56th_counting_publication_day_as_the_first(published, due):
    assert response_due(published) == due
    assert (due - published).days + 1 == 56  # "beginning with" the day of publication


@pytest.mark.parametrize(("today", "days_left", "overdue", "state"), [
    (date(2024, 1, 5), 55, False, "55 days left"),
    (date(2024, 2, 28), 1, False, "1 day left"),
    (date(2024, 2, 29), 0, False, "Due today"),
    (date(2024, 3, 1), -1, True, "Overdue by 1 day"),
    (date(2024, 3, 30), -30, True, "Overdue by 30 days"),
])
def test_the_clock_counts_down_to_the_due_date(today, days_left, overdue, state):
    clock = response_clock(date(2024, 1, 5), None, today)
    assert (clock.days_left, clock.overdue, clock.state) == (days_left, overdue, state)


def test_a_published_response_stops_the_clock():
    on_time = response_clock(date(2024, 1, 5), date(2024, 2, 29), date(2024, 6, 1))
    assert not on_time.overdue and not on_time.responded_late
    assert on_time.state == "Published 29 February 2024, by the last day"
    late = response_clock(date(2024, 1, 5), date(2024, 3, 1), date(2024, 6, 1))
    assert not late.overdue and late.responded_late
    assert late.state == "Published 1 March 2024, after the last day"


@pytest.mark.parametrize(("counting", "last"), [
    (Counting.BEGINNING_WITH, date(2024, 2, 29)), (Counting.AFTER, date(2024, 3, 1))])
def test_a_period_counts_from_the_event_as_its_rule_says(counting, last):
    assert last_day(date(2024, 1, 5), 56, counting) == last
    assert last_day(date(2024, 12, 31), 1, counting) == (
        date(2024, 12, 31) if counting is Counting.BEGINNING_WITH else date(2025, 1, 1))
    with pytest.raises(ValueError, match="at least one day"):
        last_day(date(2024, 1, 5), 0, counting)
