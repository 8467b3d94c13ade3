"""Moving history back in time, for tests of "as known on day D".

A test runs in one transaction, so every history entry it makes has the same
time (Postgres' now()). These set the entries made so far back by some days,
as if they had been made then. The append-only triggers are set aside for it,
which only the tables' owner can do (never the portal's pages or jobs)."""

from datetime import date, timedelta

from django.db import connection
from django.utils import timezone

from oversight.core.history import event_models


def backdate(days: int) -> date:
    """Every history entry so far, `days` days earlier; returns the day before
    today (by then, all of them were known, and nothing made afterwards)."""
    with connection.cursor() as cursor:
        for model in event_models():
            table = model._meta.db_table
            if not any(f.name == "pgh_created_at" for f in model._meta.fields):
                continue
            cursor.execute(f'ALTER TABLE "{table}" DISABLE TRIGGER USER')
            cursor.execute(f'UPDATE "{table}" SET pgh_created_at = pgh_created_at - %s',
                           [timedelta(days=days)])
            cursor.execute(f'ALTER TABLE "{table}" ENABLE TRIGGER USER')
    return timezone.localdate() - timedelta(days=1)
