"""Moving history back in time, for tests of "as known on day D".

A test runs in one transaction, so every history entry it makes has the same
time (Postgres' now()). These set the entries made so far back by some days,
as if they had been made then (core.history.redate_entries)."""

from datetime import date, timedelta

from django.utils import timezone

from oversight.core.history import dated_event_tables, redate_entries


def backdate(days: int) -> date:
    """Every history entry so far, `days` days earlier; returns the day before
    today (by then, all of them were known, and nothing made afterwards)."""
    for table in dated_event_tables():
        redate_entries(table, "pgh_created_at - %s", [timedelta(days=days)])
    return timezone.localdate() - timedelta(days=1)


def made_by(day: date) -> None:
    """Every history entry so far moved back to `day` or earlier, as if all of
    it had been entered by then."""
    backdate((timezone.localdate() - day).days)
