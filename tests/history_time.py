"""Moving history back in time, for tests of "as known on day D".

A test runs in one transaction, so every history entry it makes has the same
time (Postgres' now()). These set the entries made so far back by some days,
as if they had been made then. The append-only triggers are set aside for it,
which only the tables' owner can do (never the portal's pages or jobs)."""

from datetime import date, timedelta

from django.db import connection
from django.utils import timezone

from oversight.core.history import dated_event_tables


def backdate(days: int) -> date:
    """Every history entry so far, `days` days earlier; returns the day before
    today (by then, all of them were known, and nothing made afterwards)."""
    with connection.cursor() as cursor:
        for table in dated_event_tables():
            cursor.execute(f'ALTER TABLE "{table}" DISABLE TRIGGER USER')
            moved = f'UPDATE "{table}" SET pgh_created_at = pgh_created_at - %s'  # noqa: S608
            cursor.execute(moved, [timedelta(days=days)])
            cursor.execute(f'ALTER TABLE "{table}" ENABLE TRIGGER USER')
    return timezone.localdate() - timedelta(days=1)


def made_by(day: date) -> None:
    """Every history entry so far moved back to `day` or earlier, as if all of
    it had been entered by then."""
    backdate((timezone.localdate() - day).days)
