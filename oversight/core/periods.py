"""The last day of a statutory period, from the event that starts it: one
pure function for every duty's due date.

Counting, as the law words it:
- "beginning with" the day of the event (Police Act 1996 s.55(5A): "the period
  of 56 days beginning with the day on which the report is published"): that
  day is day 1, so the last day is the event + days − 1;
- "after" the event: the day after it is day 1, so the last day is the event + days.
Calendar days: month ends, 28- and 29-day Februaries and year ends count like
any other day. A period of months ends on the corresponding day of the later
month, or on its last day when it has none (31 January + 1 month: 28 or 29
February): the calendar-month rule of Dodds v Walker [1981] 1 WLR 1441.
"Beginning with" the event ends a day earlier than "after" it, in days or months.
"""

import calendar
from datetime import date, timedelta
from enum import StrEnum


class Counting(StrEnum):
    BEGINNING_WITH = "beginning with"
    AFTER = "after"


class Unit(StrEnum):
    DAYS = "days"
    MONTHS = "months"


def last_day(event: date, length: int, counting: Counting, unit: Unit = Unit.DAYS) -> date:
    """The last day of a period of `length` days (or months) counted from `event`."""
    if length < 1:
        raise ValueError("A period has at least one day")
    after = (event + timedelta(days=length) if unit is Unit.DAYS
             else corresponding_day(event, length))
    return after - timedelta(days=1) if counting is Counting.BEGINNING_WITH else after


def corresponding_day(day: date, months: int) -> date:
    """The same day `months` calendar months later, or that month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))
