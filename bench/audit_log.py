"""Benchmark: the audit log with a million history entries.

Writes N monthly-value events (by default 1,000,000, spread over two years and
five people) and a few thousand of other kinds straight into the history
tables, then times the audit log page as the lead opens it: the first page,
a deep page (half-way down, by its keyset cursor), and the first page of one
person's changes, against a floor measured in the same run: reading the same
number of events by primary key from one table.

Target (issue 23): first and deep page each <= 200 ms at 1,000,000 entries.
Runs in a throwaway database.

    .venv/bin/python bench/audit_log.py [--events 1000000]
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from bench.throwaway import throwaway_database  # noqa: E402
from elg.models import Action  # noqa: E402
from oversight.core.roles import Role, sync_roles  # noqa: E402
from oversight.portal import audit_log  # noqa: E402
from scorecard.models import MonthlyValue  # noqa: E402
from tests.conftest import sign_in  # noqa: E402
from tests.factories import UserFactory  # noqa: E402

RUNS = 5
PEOPLE = 5


def timed(action) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def fill(events: int) -> list[int]:
    """`events` value events (the revisions of 300 measures x 3 areas x 120
    months) and a thousandth as many action events, each with one of PEOPLE's
    contexts, a minute apart (one statement each)."""
    people = [UserFactory().pk for _ in range(PEOPLE)]
    values, actions = MonthlyValue.pgh_event_model._meta.db_table, \
        Action.pgh_event_model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("""INSERT INTO pghistory_context (id, created_at, updated_at, metadata)
            SELECT md5(n::text)::uuid, now(), now(), jsonb_build_object('user', p)
            FROM unnest(%s::int[]) WITH ORDINALITY AS people(p, n)""", [people])
        cursor.execute(f"""INSERT INTO "{values}" (pgh_created_at, pgh_label, pgh_obj_id,
                pgh_context_id, id, measure_id, area_id, month, value, numerator,
                denominator, weight, note)
            SELECT now() - (n * interval '63 seconds'), 'update', v, md5((1 + n %% {PEOPLE})
                ::text)::uuid, v, 1 + v %% 300, 1 + v / 300 %% 3,
                DATE '2015-01-01' + (v / 900 %% 120) * interval '1 month', n, NULL, NULL,
                NULL, ''
            FROM generate_series(1, %s) AS n, LATERAL (SELECT n %% 108000 AS v) AS value
            """, [events])  # noqa: S608
        cursor.execute(f"""INSERT INTO "{actions}" (pgh_created_at, pgh_label, pgh_obj_id,
                pgh_context_id, id, meeting_id, description, owner, organisation,
                due_date, status)
            SELECT now() - (n * interval '61 seconds'), 'insert', n, md5('1')::uuid, n, 1,
                'Action ' || n, 'Owner', 'force', DATE '2026-01-01', 'open'
            FROM generate_series(1, %s) AS n""", [max(events // 1000, 1)])  # noqa: S608
        cursor.execute(f'ANALYZE "{values}"; ANALYZE "{actions}"; ANALYZE pghistory_context')
    return people


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=1_000_000)
    options = parser.parse_args()
    name = throwaway_database("bench_audit_log", serialize=False)
    try:
        sync_roles()
        people = fill(options.events)
        report(options.events, people)
    finally:
        connection.close()
        connection.creation.destroy_test_db(name, verbosity=0)


def report(events: int, people: list[int]) -> None:
    settings.ALLOWED_HOSTS = ["testserver"]
    client = Client()
    sign_in(client, UserFactory(role=Role.OPCC_LEAD))  # with the second factor
    table = MonthlyValue.pgh_event_model._meta.db_table
    every = audit_log.Filters()
    middle = audit_log.Cursor(*audit_log._keys(every, None, events // 2)[-1]).text()

    def floor() -> None:
        with connection.cursor() as cursor:
            cursor.execute(f'SELECT * FROM "{table}" WHERE pgh_id = ANY(%s)',  # noqa: S608
                           [list(range(1, audit_log.PAGE_SIZE + 2))])
            cursor.fetchall()

    least = timed(floor)
    first = timed(lambda: audit_log.page(every))
    deep = timed(lambda: audit_log.page(every, middle))
    person = timed(lambda: audit_log.page(audit_log.Filters(person=people[2])))
    response = client.get("/audit/", {"before": middle})
    assert response.status_code == 200 and b"Older changes" in response.content
    page = timed(lambda: client.get("/audit/", {"before": middle}))
    print(f"history entries: {events + max(events // 1000, 1):,}")
    print(f"floor, {audit_log.PAGE_SIZE + 1} events by key: {least * 1000:.1f} ms")
    for label, seconds in (("first page", first), ("deep page (half-way)", deep),
                           ("one person's first page", person)):
        print(f"{label}: {seconds * 1000:.0f} ms = {seconds / least:.1f}x the floor "
              f"(target <= 200 ms)")
    print(f"the deep page through the portal, whole request: {page * 1000:.0f} ms")


if __name__ == "__main__":
    main()
