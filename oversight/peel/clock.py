"""PEEL rules with no web code: the PCC's 56-day response clock.

Police Act 1996 s.55(5A): the PCC's comments on an HMICFRS report must be
published "before the end of the period of 56 days beginning with the day on
which the report is published". The day of publication is day 1, so the
last day is published + 55 (core.periods).
"""

from dataclasses import dataclass
from datetime import date

from oversight.core.periods import Counting, last_day

RESPONSE_DAYS = 56


def response_due(published: date) -> date:
    """The last day the response may be published."""
    return last_day(published, RESPONSE_DAYS, Counting.BEGINNING_WITH)


@dataclass(frozen=True)
class ResponseClock:
    due: date
    responded_on: date | None
    today: date

    @property
    def days_left(self) -> int:
        """Days from today to the due date (negative once it has passed)."""
        return (self.due - self.today).days

    @property
    def responded_late(self) -> bool:
        return self.responded_on is not None and self.responded_on > self.due

    @property
    def overdue(self) -> bool:
        return self.responded_on is None and self.today > self.due

    @property
    def state(self) -> str:
        """In words, for the inspection page and the register."""
        if self.responded_on is not None:
            when = self.responded_on.strftime("%-d %B %Y")
            return f"Published {when}, {'after' if self.responded_late else 'by'} the last day"
        if self.overdue:
            days = -self.days_left
            return f"Overdue by {days} day{'s' if days != 1 else ''}"
        if self.days_left == 0:
            return "Due today"
        return f"{self.days_left} day{'s' if self.days_left != 1 else ''} left"


def response_clock(published: date, responded_on: date | None, today: date) -> ResponseClock:
    return ResponseClock(response_due(published), responded_on, today)
