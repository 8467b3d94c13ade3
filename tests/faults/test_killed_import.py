"""kill -9 a bulk import (one that sets aside the values' keys and indexes) at
random points while it writes: afterwards the constraints, indexes, row
counts and history counts are as before, no lock is left, and the next
import succeeds."""

import os
import random
import signal
import subprocess
import sys
import time

import pytest
from django.db import connection

from scorecard.models import MonthlyValue
from tests.faults.bulk import bulk_catalogue, bulk_file, counts, schema_of
from tests.jobs import ROOT, database_url
from tests.processes import wait_until

pytestmark = pytest.mark.django_db(transaction=True)
MEASURES, MONTHS = 33, 800  # 105,600 new values: above store.BULK_ROWS
APPLICATION = "fault-suite-import"
KILLS = 4


def start_import(path) -> subprocess.Popen:
    # The server notices a vanished client within 0.2 s even mid-statement.
    url = f"{database_url()}&options=-c%20client_connection_check_interval%3D200" \
        if "?" in database_url() else database_url()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings", "DATABASE_URL": url,
           "PGAPPNAME": APPLICATION}
    return subprocess.Popen(
        [sys.executable, "manage.py", "import_values", str(path), "--reason", "fault suite"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def talking(process: subprocess.Popen) -> float:
    """When the import first held a database session (time.monotonic())."""
    wait_until(lambda: import_sessions() > 0 or process.poll() is not None, seconds=60)
    return time.monotonic()


def import_sessions() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE application_name = %s",
                       [APPLICATION])
        return cursor.fetchone()[0]


def locks_on_values() -> list:
    """Locks a session holds on the values (autovacuum's, after a big load, are
    not a session's: autovacuum gives way to any session)."""
    with connection.cursor() as cursor:
        cursor.execute("""
            SELECT relation::regclass::text, mode FROM pg_locks JOIN pg_stat_activity USING (pid)
            WHERE relation = ANY(%s::regclass[]) AND pid <> pg_backend_pid()
              AND backend_type = 'client backend'""",
                       [[MonthlyValue._meta.db_table,
                         MonthlyValue.pgh_event_model._meta.db_table]])
        return cursor.fetchall()


def empty_values() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {MonthlyValue._meta.db_table}, "
                       f"{MonthlyValue.pgh_event_model._meta.db_table}")


def test_an_import_killed_anywhere_leaves_the_data_as_it_was(tmp_path):
    bulk_catalogue(MEASURES)
    path = tmp_path / "values.csv"
    rows = bulk_file(path, MEASURES, MONTHS)
    before = schema_of(MonthlyValue, MonthlyValue.pgh_event_model), counts()
    assert before[1] == (0, 0)

    # How long an import takes here from its first word to the database until
    # it lets go of the values (it has committed: what follows, recomputing
    # the figures, and Python starting before, are no test of this), then put
    # everything back.
    finished = start_import(path)
    started = talking(finished)
    wait_until(lambda: locks_on_values() or finished.poll() is not None, seconds=60)
    wait_until(lambda: not locks_on_values(), seconds=300)
    writing = time.monotonic() - started
    assert finished.wait(timeout=300) == 0, finished.stderr.read().decode()
    assert counts() == (rows, rows)
    empty_values()

    chance, killed = random.Random(21), 0
    while killed < KILLS:
        process = start_import(path)
        talking(process)
        time.sleep(chance.uniform(0.02, 0.98) * writing)
        process.send_signal(signal.SIGKILL)
        process.wait()
        wait_until(lambda: import_sessions() == 0, seconds=60)
        assert locks_on_values() == []
        assert schema_of(MonthlyValue, MonthlyValue.pgh_event_model) == before[0]
        if counts() == (rows, rows):  # it had committed, all of it, just before the kill
            empty_values()
            continue
        assert counts() == before[1], "all or nothing"
        killed += 1

    process = start_import(path)
    assert process.wait(timeout=300) == 0, process.stderr.read().decode()
    assert counts() == (rows, rows)
    assert schema_of(MonthlyValue, MonthlyValue.pgh_event_model) == before[0]
