"""Due dates (oversight/core/periods.py): one pure function for every duty,
in days or calendar months, counted "beginning with" or "after" the event."""

from datetime import date

import pytest

from oversight.core.periods import Counting, Unit, last_day

AFTER, BEGINNING = Counting.AFTER, Counting.BEGINNING_WITH


@pytest.mark.parametrize(("event", "months", "counting", "last"), [
    (date(2023, 3, 31), 4, AFTER, date(2023, 7, 31)),  # s.12: after the financial year
    (date(2023, 6, 15), 3, AFTER, date(2023, 9, 15)),
    (date(2023, 6, 15), 3, BEGINNING, date(2023, 9, 14)),
    (date(2024, 1, 31), 1, AFTER, date(2024, 2, 29)),  # no 31 February: its last day
    (date(2023, 1, 31), 1, AFTER, date(2023, 2, 28)),
    (date(2024, 3, 1), 1, BEGINNING, date(2024, 3, 31)),
    (date(2023, 11, 30), 3, AFTER, date(2024, 2, 29)),  # over the year end, into a leap year
    (date(2023, 12, 31), 12, BEGINNING, date(2024, 12, 30)),
    (date(2099, 12, 1), 3, BEGINNING, date(2100, 2, 28)),  # 2100 is not a leap year
])
def test_a_period_of_months_ends_on_the_corresponding_day(event, months, counting, last):
    assert last_day(event, months, counting, Unit.MONTHS) == last


@pytest.mark.parametrize(("counting", "last"), [
    (BEGINNING, date(2022, 8, 25)), (AFTER, date(2022, 8, 26))])
def test_a_period_of_days_counts_as_its_rule_says(counting, last):
    assert last_day(date(2022, 7, 1), 56, counting, Unit.DAYS) == last


def test_a_period_has_at_least_one_day_or_month():
    for unit in Unit:
        with pytest.raises(ValueError):
            last_day(date(2024, 1, 1), 0, AFTER, unit)
