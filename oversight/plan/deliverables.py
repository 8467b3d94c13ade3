"""A deliverable's status, computed from its progress and dates.

Seed 001 prints "Mar 23, 95%" in a December 2023 report with no flag; here
that deliverable is overdue. Pure: no database, no web code.
"""

from datetime import date
from enum import StrEnum


class DeliverableStatus(StrEnum):
    COMPLETE = "complete"
    ON_TRACK = "on track"
    BEHIND = "behind"
    OVERDUE = "overdue"

    @property
    def label(self) -> str:
        return self.value.capitalize()


def expected_progress(start: date, due: date, as_of: date) -> float:
    """Share of the time from start to due that has elapsed, in per cent (0-100)."""
    if as_of >= due:
        return 100.0
    if as_of <= start or due <= start:
        return 0.0
    return 100.0 * (as_of - start).days / (due - start).days


def deliverable_status(
    progress: int, start: date, due: date, as_of: date, behind_tolerance: int
) -> DeliverableStatus:
    """Complete at 100%; overdue once past due and short of 100%; behind when
    progress trails the elapsed share of time by more than the tolerance."""
    if progress >= 100:
        return DeliverableStatus.COMPLETE
    if as_of > due:
        return DeliverableStatus.OVERDUE
    if expected_progress(start, due, as_of) - progress > behind_tolerance:
        return DeliverableStatus.BEHIND
    return DeliverableStatus.ON_TRACK
