"""Benchmark: KPI figures as known on a past day, rebuilt from the values'
history, against the same figures from the values as they stand.

Builds 300 measures x 3 areas x 120 months (108,000 values) through the real
import, dated 10 days ago; then revises 20% of the values twice: once 5 days
ago (known on day D, 3 days ago) and once today (not known then). The history
then holds 151,200 entries. In one run it prints, each the median of 7:
  - the floor: every series' figures at the latest month from today's values
    (computing.compute: one read of the values, stats.py);
  - the same figures as known on day D (each value's latest history entry by
    the end of D), and their ratio to the floor (target <= 3);
  - what needs attention as known on D (those figures ranked by the page's SQL).
Checks that the figures as known on D are those of D's values, not today's.
Runs in a throwaway database.

    .venv/bin/python bench/as_known.py [--measures 300] [--months 120]
"""

import argparse
import os
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.kpi_pages import AREAS, build_catalogue, timed, write_file  # noqa: E402
from bench.throwaway import throwaway_database  # noqa: E402
from oversight.core.history import dated_event_tables, event_model, redate_entries  # noqa: E402
from oversight.core.roles import Role, sync_roles  # noqa: E402
from scorecard import computing  # noqa: E402
from scorecard.models import MonthlyValue  # noqa: E402
from tests.factories import UserFactory  # noqa: E402

REVISED_SHARE = 5  # one value in five


def last_entry() -> int:
    events = event_model(MonthlyValue)
    return int(events.objects.order_by("-pgh_id").values_list("pgh_id", flat=True).first() or 0)


def revise(days_ago: int, factor: float) -> None:
    """A fifth of the values revised by `factor`, as if `days_ago` days ago."""
    after = last_entry()
    with connection.cursor() as cursor:
        cursor.execute(f'UPDATE "{MonthlyValue._meta.db_table}" SET '  # noqa: S608
                       "value = value * %s, numerator = numerator * %s "
                       "WHERE id %% %s = 0", [factor, factor, REVISED_SHARE])
    if days_ago:
        redate_entries(event_model(MonthlyValue)._meta.db_table,
                       "now() - %s", [timedelta(days=days_ago)], after=after)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--measures", type=int, default=300)
    parser.add_argument("--months", type=int, default=120)
    options = parser.parse_args()
    name = throwaway_database("bench_as_known")
    try:
        sync_roles()
        build_catalogue(options.measures)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "values.csv"
            rows = write_file(path, options.measures, options.months)
            call_command("import_values", str(path), stdout=open(os.devnull, "w"))  # noqa: SIM115
        for table in dated_event_tables():
            redate_entries(table, "now() - %s", [timedelta(days=10)])
        revise(5, 1.5)
        revise(0, 2.0)
        report(options, rows)
    finally:
        connection.close()
        connection.creation.destroy_test_db(name, verbosity=0)


def report(options, rows: int) -> None:
    day = timezone.localdate() - timedelta(days=3)
    month = computing.month_range()[0]
    entries = event_model(MonthlyValue).objects.count()
    print(f"values: {rows:,} ({options.measures} measures x {AREAS} areas x {options.months} "
          f"months); history entries: {entries:,} (a fifth revised twice)")
    series = computing.series_table()
    now = computing.compute([month], series)
    then = computing.compute([month], series, known=day)
    moved = int(((now["twelve_months"] - then["twelve_months"]).abs() > 1e-6).sum())
    print(f"series whose {month:%b-%Y} figure differs as known on {day}: {moved:,} of "
          f"{len(series):,}")
    assert moved, "the figures as known on day D are today's"
    floor = timed(lambda: computing.compute([month], series))
    known = timed(lambda: computing.compute([month], series, known=day))
    print(f"floor: every series' figures at {month:%b-%Y} from today's values: "
          f"{floor * 1000:.0f} ms")
    print(f"the same as known on {day}: {known * 1000:.0f} ms = {known / floor:.1f}x the floor "
          "(target <= 3)")
    settings.ALLOWED_HOSTS = ["testserver"]
    client = Client()
    client.force_login(UserFactory(role=Role.OPCC_STAFF))
    url = f"/scorecard/attention/?known={day.isoformat()}"
    assert client.get(url).status_code == 200
    page = timed(lambda: client.get(url))
    print(f"what needs attention as known on {day}: {page * 1000:.0f} ms = "
          f"{page / floor:.1f}x the floor")


if __name__ == "__main__":
    main()
