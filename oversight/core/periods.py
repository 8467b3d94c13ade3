"""The last day of a statutory period, from the event that starts it: one
pure function for every duty's due date.

Counting, as the law words it:
- "beginning with" the day of the event (Police Act 1996 s.55(5A): "the period
  of 56 days beginning with the day on which the report is published"): that
  day is day 1, so the last day is the event + days − 1;
- "after" the event: the day after it is day 1, so the last day is the event + days.
Calendar days: month ends, 28- and 29-day Februaries and year ends count like
any other day.
"""

from datetime import date, timedelta
from enum import StrEnum


class Counting(StrEnum):
    BEGINNING_WITH = "beginning with"
    AFTER = "after"


def last_day(event: date, days: int, counting: Counting) -> date:
    """The last day of a period of `days` days counted from `event`."""
    if days < 1:
        raise ValueError("A period has at least one day")
    return event + timedelta(days=days - 1 if counting is Counting.BEGINNING_WITH else days)
