"""Benchmark: `import_values` of a million monthly values against a raw COPY.

Generates a CSV of 700 measures x 4 areas x 360 months (1,008,000 values; a
quarter ratios, a quarter weighted means), then in one run times:
  - a raw COPY of the file into a bare table (no checks, no indexes),
  - the least writing any import must do: the same values as stored (ids,
    dates, numerics) COPY'd into tables like the values and their history,
    a history row each, and a unique (measure, area, month) index built, and
  - `manage.py import_values` of the file into an empty scorecard (every
    row checked, compared, upserted, and its history recorded), as a whole
    process and as the command times itself (reading the file to commit),
and prints the ratios to the raw COPY and the import's peak memory (the import runs
as its own process, so its peak resident memory is its own).

Also reads values as a page would while the import runs, and prints the
longest wait. Targets: the import <= 3x the least writing, peak memory <= 450 MB,
no read waiting longer than the lock timeout. Runs in a throwaway database.

    .venv/bin/python bench/import_values.py [--measures 700]
"""

import argparse
import csv
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

from django.db import OperationalError, connection  # noqa: E402

from bench.throwaway import throwaway_database  # noqa: E402
from oversight.core.database import LOCK_TIMEOUT_MS  # noqa: E402
from oversight.core.locks import is_lock_timeout  # noqa: E402
from scorecard.importing.values import COLUMNS  # noqa: E402
from scorecard.models import Area, Measure, MeasureArea, Topic  # noqa: E402

AREAS = 4
MONTHS = 360
FIRST_YEAR = 1990
KINDS = [("count", "sum"), ("count", "sum"), ("percentage", "ratio"),
         ("duration", "weighted_mean")]


def build_catalogue(measures: int) -> None:
    topic = Topic.objects.create(name="Bench")
    areas = Area.objects.bulk_create(Area(code=f"A{i}", name=f"Area {i}") for i in range(AREAS))
    made = Measure.objects.bulk_create(
        Measure(code=f"M{i:04d}", name=f"Measure {i}", topic=topic, unit=KINDS[i % 4][0],
                aggregation=KINDS[i % 4][1], polarity="neutral")
        for i in range(measures)
    )
    MeasureArea.objects.bulk_create(
        MeasureArea(measure=m, area=a) for m in made for a in areas
    )


def write_files(folder: Path, measures: int) -> tuple[Path, Path, int]:
    """The file to import (codes, months and durations as a person writes
    them), and the same values as the import stores them (ids, first days of
    months, seconds), for the least-writing floor: (file, stored, rows)."""
    ids = dict(Measure.objects.values_list("code", "id"))
    area_ids = dict(Area.objects.values_list("code", "id"))
    path, stored_path, rows = folder / "values.csv", folder / "stored.csv", 0
    with path.open("w", newline="") as out, stored_path.open("w", newline="") as stored_out:
        writer, stored = csv.writer(out), csv.writer(stored_out)
        writer.writerow(COLUMNS)
        for i in range(measures):
            aggregation = KINDS[i % 4][1]
            for a in range(AREAS):
                for m in range(MONTHS):
                    month = f"{FIRST_YEAR + m // 12}-{m % 12 + 1:02d}"
                    x = (i * 7 + a * 13 + m * 31) % 997
                    if aggregation == "ratio":
                        row = ["", x, 1000 + x, ""]
                        kept = [round(x / (1000 + x), 4), x, 1000 + x, ""]
                    elif aggregation == "weighted_mean":
                        row = [f"00:{x % 60:02d}:{m % 60:02d}", "", "", 100 + x]
                        kept = [x % 60 * 60 + m % 60, "", "", 100 + x]
                    else:
                        row = kept = [x, "", "", ""]
                    writer.writerow([f"M{i:04d}", f"A{a}", month, *row, ""])
                    stored.writerow([ids[f"M{i:04d}"], area_ids[f"A{a}"], f"{month}-01",
                                     *kept, ""])
                    rows += 1
    return path, stored_path, rows


BARE_TABLE = ("(measure text, area text, month text, value text, numerator numeric, "
              "denominator numeric, weight numeric, note text)")


# The values and their history in the portal's own columns and types, with
# none of their keys, indexes, constraints or triggers.
_LIKE = "(LIKE {} INCLUDING DEFAULTS INCLUDING IDENTITY)".format
STORED_TABLES = {"bench_values": _LIKE("scorecard_monthlyvalue"),
                 "bench_history": _LIKE("scorecard_monthlyvalueevent")}
STORED_COLUMNS = "measure_id, area_id, month, value, numerator, denominator, weight, note"
_HISTORY = f"""
INSERT INTO bench_history (pgh_created_at, pgh_label, pgh_obj_id, id, {STORED_COLUMNS})
SELECT now(), 'insert', id, id, {STORED_COLUMNS} FROM bench_values
"""  # noqa: S608 (constants)


def raw_copy_seconds(path: Path) -> float:
    return _best_of({"bench_raw": BARE_TABLE}, lambda cursor: _copy(cursor, path, "bench_raw"))


def least_writing_seconds(stored: Path) -> float:
    """What any import must at least write, with no reading or checking: each
    value as stored (COPY), a history row for each with its time, label and
    record (issue 3 asks for per-row history even of bulk upserts), and the
    one-value-per-key index. No other index, key or check, so it is still
    an underestimate."""
    def write(cursor):
        _copy(cursor, stored, f"bench_values ({STORED_COLUMNS})", "FORCE_NOT_NULL (note)")
        cursor.execute(_HISTORY)
        cursor.execute("CREATE UNIQUE INDEX ON bench_values (measure_id, area_id, month)")
    return _best_of(STORED_TABLES, write)


def _copy(cursor, path: Path, table: str, options: str = "HEADER") -> None:
    with path.open("rb") as source, cursor.copy(
            f"COPY {table} FROM STDIN WITH (FORMAT csv, {options})") as copy:
        while block := source.read(1 << 20):
            copy.write(block)


def _best_of(tables: dict[str, str], write, runs: int = 3) -> float:
    """The best of `runs` timings of write(cursor) into new `tables` (name:
    definition; one run varies by half)."""
    best = float("inf")
    with connection.cursor() as cursor:
        for _ in range(runs):
            for table, definition in tables.items():
                cursor.execute(f"DROP TABLE IF EXISTS {table}")
                cursor.execute(f"CREATE TABLE {table} {definition}")
            start = time.perf_counter()
            write(cursor)
            best = min(best, time.perf_counter() - start)
        for table in tables:
            cursor.execute(f"DROP TABLE {table}")
    return best


IMPORT = """
import sys, django
from django.conf import settings
django.setup()
settings.DATABASES["default"]["NAME"] = sys.argv[2]
from django.core.management import call_command
call_command("import_values", sys.argv[1])
"""


def import_seconds(path: Path, database_name: str
                   ) -> tuple[float, float, float, list[float], int]:
    """Run the import as its own process (in the benchmark's database), reading
    values as a page would meanwhile: (the import's seconds from the process's
    start, and from reading the file to commit, as the command times itself;
    the figures' recompute after it; each read's wait, how many reads
    were told the data are being loaded)."""
    start = time.perf_counter()
    process = subprocess.Popen(  # noqa: S603 (our own interpreter and script)
        [sys.executable, "-c", IMPORT, str(path), database_name], cwd=ROOT,
        stdout=subprocess.PIPE, text=True)
    waits, busy = [], 0
    while process.poll() is None:
        asked = time.perf_counter()
        try:
            with connection.cursor() as cursor:  # what a KPI page reads first
                cursor.execute("SELECT count(*) FROM scorecard_monthlyvalue WHERE month = %s",
                               ["2000-01-01"])
        except OperationalError as error:
            if not is_lock_timeout(error):
                raise
            busy += 1
        waits.append(time.perf_counter() - asked)
        time.sleep(0.05)
    if process.returncode:
        raise SystemExit(f"import_values failed ({process.returncode})")
    total = time.perf_counter() - start
    assert process.stdout is not None
    printed = process.stdout.read()
    recompute = float(re.search(r"Recomputed them in ([0-9.]+) s", printed)[1])
    own = float(re.search(r"Wrote [0-9,]+ values in ([0-9.]+) s", printed)[1])
    return total - recompute, own, recompute, waits, busy


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--measures", type=int, default=700)
    measures = parser.parse_args().measures
    # Its own database, so a test run at the same time is not disturbed.
    name = throwaway_database("bench_import_values")
    try:
        build_catalogue(measures)
        with tempfile.TemporaryDirectory() as folder:
            path, stored, rows = write_files(Path(folder), measures)
            size = path.stat().st_size / 1e6
            print(f"file: {rows:,} values, {size:.0f} MB")
            copy = raw_copy_seconds(path)
            least = least_writing_seconds(stored)
            imported, own, recompute, waits, busy = import_seconds(path, name)
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"raw COPY into a bare table (best of 3): {copy:.2f} s")
        print(f"least writing any import must do (values, a history row each, their key; "
              f"best of 3): {least:.2f} s = {least / copy:.1f}x the raw COPY")
        print(f"import_values (start, check, compare, upsert, history; not the figures' "
              f"recompute after): {imported:.1f} s")
        print(f"  of which the import itself, reading the file to commit: {own:.1f} s "
              f"(the rest: starting Python and Django, freeing the file)")
        print(f"import_values / raw COPY: {imported / copy:.1f}x")
        print(f"import_values / least writing: {imported / least:.1f}x; "
              f"the import itself / least writing: {own / least:.1f}x (target <= 3)")
        print(f"import_values peak memory, the figures' recompute included: {peak:.0f} MB "
              f"(target <= 450 MB)")
        print(f"then recomputing every KPI figure: {recompute:.1f} s")
        print(f"page reads during the import: {len(waits)}, the longest waited "
              f"{max(waits, default=0):.2f} s (target <= the lock timeout, "
              f"{LOCK_TIMEOUT_MS / 1000:.0f} s); {busy} told the data are being loaded")
    finally:
        connection.close()
        connection.creation.destroy_test_db(name, verbosity=0)


if __name__ == "__main__":
    main()
