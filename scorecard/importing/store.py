"""Writing checked monthly values: staged with COPY, compared and upserted in SQL.

Set-based: the number of statements does not grow with the file. Call
inside transaction.atomic(); the staging table is dropped at commit.
The SQL is assembled from constants and names read from the catalogue only
(hence the S608 exemptions).
"""

import io
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv
from django.db import OperationalError, connection, transaction
from django.db.backends.utils import CursorWrapper

from oversight.core.history import event_model
from oversight.core.locks import busy_when_locked, is_lock_timeout

STAGED_COLUMNS = [
    "measure_id", "area_id", "month", "value", "numerator", "denominator", "weight", "note", "row",
]
FIELDS = ["value", "numerator", "denominator", "weight", "note"]
CHANGES_SHOWN = 500
# A bulk load waits for readers to let go of the values table this many
# times (each up to the lock timeout), pausing between tries.
BULK_LOCK_ATTEMPTS = 10
BULK_LOCK_PAUSE_SECONDS = 0.5

_STAGE = """
CREATE TEMP TABLE staged_values (
    measure_id integer, area_id integer, month date,
    value numeric(18, 4), numerator numeric(18, 4), denominator numeric(18, 4),
    weight numeric(18, 4), note text, row integer
) ON COMMIT DROP
"""
_FIELDS_OF = "({0}.value, {0}.numerator, {0}.denominator, {0}.weight, {0}.note)".format
_JOINED = """
FROM staged_values s
LEFT JOIN scorecard_monthlyvalue v
  ON v.measure_id = s.measure_id AND v.area_id = s.area_id AND v.month = s.month
"""
_IS_CHANGE = f"v.id IS NOT NULL AND {_FIELDS_OF('v')} IS DISTINCT FROM {_FIELDS_OF('s')}"
_COUNTS = f"""
SELECT count(*) FILTER (WHERE v.id IS NULL),
       count(*) FILTER (WHERE {_IS_CHANGE}),
       count(*) FILTER (WHERE v.id IS NOT NULL AND NOT ({_IS_CHANGE})),
       md5(string_agg(s.row || ':' || row(v.*)::text, ',' ORDER BY s.row)
           FILTER (WHERE {_IS_CHANGE}))
{_JOINED}
"""  # noqa: S608
_CHANGES = f"""
SELECT s.row, m.code, m.unit, a.name, s.month,
       v.value, v.numerator, v.denominator, v.weight, v.note,
       s.value, s.numerator, s.denominator, s.weight, s.note
{_JOINED}
JOIN scorecard_measure m ON m.id = s.measure_id
JOIN scorecard_area a ON a.id = s.area_id
WHERE {_IS_CHANGE}
ORDER BY s.row
LIMIT %s
"""  # noqa: S608
_KEY_MATCH = "v.measure_id = s.measure_id AND v.area_id = s.area_id AND v.month = s.month"
# Plain UPDATE then INSERT, not INSERT ... ON CONFLICT: under the table lock
# taken first no other writer can slip in between, and a plain insert skips
# the speculative insertion ON CONFLICT does for every row (about 2x faster).
_UPDATE = f"""
UPDATE scorecard_monthlyvalue v SET
    value = s.value, numerator = s.numerator, denominator = s.denominator,
    weight = s.weight, note = s.note
FROM staged_values s
WHERE {_KEY_MATCH} AND {_FIELDS_OF("v")} IS DISTINCT FROM {_FIELDS_OF("s")}
"""  # noqa: S608
# The rows left staged once stored ones are taken out are all new. Not an
# anti-join in the INSERT: with the indexes set aside (below) the planner may
# rescan the growing table for every staged row.
_LEAVE_NEW = f"""
DELETE FROM staged_values s USING scorecard_monthlyvalue v WHERE {_KEY_MATCH}
"""  # noqa: S608
_INSERT = """
INSERT INTO scorecard_monthlyvalue
    (measure_id, area_id, month, value, numerator, denominator, weight, note)
SELECT measure_id, area_id, month, value, numerator, denominator, weight, note
FROM staged_values
"""


@dataclass
class Change:
    row: int
    measure: str
    unit: str
    area: str
    month: date
    fields: list = field(default_factory=list)  # (field, old, new)


@dataclass
class Comparison:
    new: int
    changed: int
    unchanged: int
    fingerprint: str  # differs if what the upsert would do differs
    changes: list  # the first CHANGES_SHOWN changes


def stage(parts: Iterable[pd.DataFrame]) -> None:
    """COPY the checked rows (DataFrames of STAGED_COLUMNS, in parts) into
    staged_values, in one COPY that writes one part's text at a time."""
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS staged_values")
        cursor.execute(_STAGE)
        # FORCE_NOT_NULL: an empty note is "" (as stored), not NULL.
        with cursor.copy(
                "COPY staged_values FROM STDIN WITH (FORMAT csv, FORCE_NOT_NULL (note))") as copy:
            for rows in parts:
                copy.write(_csv(rows))


def _csv(rows: pd.DataFrame) -> bytes:
    """The rows as CSV text, written by Arrow in C++ (many times faster than
    DataFrame.to_csv)."""
    month = pd.to_datetime(rows["month"]).to_numpy().astype("datetime64[D]")
    table = pa.table({
        name: pa.array(month) if name == "month"
        else pa.array(rows[name].to_numpy(), from_pandas=True)
        for name in STAGED_COLUMNS
    })
    for name in ("measure_id", "area_id", "row"):
        table = table.set_column(table.column_names.index(name), name,
                                 table[name].cast(pa.int64()))
    buffer = io.BytesIO()
    pa_csv.write_csv(table, buffer, pa_csv.WriteOptions(include_header=False))
    return buffer.getvalue()


def compare() -> Comparison:
    with connection.cursor() as cursor:
        cursor.execute(_COUNTS)
        new, changed, unchanged, digest = cursor.fetchone()
        cursor.execute(_CHANGES, [CHANGES_SHOWN])
        changes = [_change(row) for row in cursor.fetchall()]
    return Comparison(new, changed, unchanged, f"{new}:{changed}:{unchanged}:{digest}", changes)


def _change(row: tuple) -> Change:
    number, code, unit, area, month, *values = row
    old, new = values[:5], values[5:]
    fields = [(name, o, n) for name, o, n in zip(FIELDS, old, new, strict=True) if o != n]
    return Change(number, code, unit, area, month, fields)


def lock() -> None:
    """Make other writers of monthly values wait for this transaction.

    The first thing every writer of values does in its transaction, before it
    reads what another writer could change: one queue, one fixed order (this
    lock, then a bulk load's below), so writers never deadlock. Raises Busy
    if a bulk load holds it for longer than the connection's lock timeout.
    """
    with busy_when_locked(), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("LOCK TABLE scorecard_monthlyvalue IN SHARE ROW EXCLUSIVE MODE")


def bulk_load_under_way() -> bool:
    """Whether a bulk load holds the values table to itself, or waits to: a
    page then reads nothing from it, rather than wait out the lock timeout."""
    with connection.cursor() as cursor:
        cursor.execute("""SELECT EXISTS (SELECT 1 FROM pg_locks
                          WHERE relation = 'scorecard_monthlyvalue'::regclass
                            AND mode = 'AccessExclusiveLock')""")
        under_way: bool = cursor.fetchone()[0]
        return under_way


def lock_for_bulk_load(attempts: int = BULK_LOCK_ATTEMPTS) -> None:
    """The values table to ourselves, for a load that sets aside its keys and
    indexes. Taken only after lock(), so only readers stand in the way; each
    attempt waits at most the lock timeout (readers queued behind it wait no
    longer), then lets them through for a moment before trying again."""
    for attempt in range(attempts):
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("LOCK TABLE scorecard_monthlyvalue IN ACCESS EXCLUSIVE MODE")
            return
        except OperationalError as error:
            if not is_lock_timeout(error) or attempt == attempts - 1:
                raise
            time.sleep(BULK_LOCK_PAUSE_SECONDS)


# Large loads follow PostgreSQL's advice for populating a table ("Populating
# a Database"): above BULK_ROWS new rows, the values' foreign keys are checked
# once after the INSERT (one join), not row by row at commit (a million
# deferred checks took 14 s); and where the load is at least as large as the
# table already is, the indexes of the values and of their history are dropped
# and built again afterwards (a million rows: INSERT 19 s -> 5 s, rebuilding
# 3 s). Both lock those tables against reading until commit, so only for
# loads this large; a monthly upload of a few thousand rows is unaffected.
BULK_ROWS = 100_000
# Room for the history trigger's table of new rows (a million rows spilled
# 60 MB to disk at the default 4 MB: 0.45 s of the INSERT's 2.8 s).
BULK_WORK_MEM = "128MB"
_FOREIGN_KEYS = """
SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
WHERE conrelid = %s::regclass AND contype = 'f'
"""
_INDEXES = """
SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid),
       c.conname, pg_get_constraintdef(c.oid)
FROM pg_index i
LEFT JOIN pg_constraint c ON c.conindid = i.indexrelid AND c.conrelid = i.indrelid
                         AND c.contype IN ('p', 'u')
WHERE i.indrelid = %s::regclass
ORDER BY c.contype NULLS LAST, 1
"""


def upsert(new_rows: int = 0) -> int:
    """Write the staged rows that are new or changed; `new_rows` (from
    compare()) says how many are new. Returns how many were written; the
    staged rows are used up."""
    from scorecard.models import MonthlyValue

    lock()
    with connection.cursor() as cursor:
        cursor.execute(_UPDATE)
        written = cursor.rowcount
        cursor.execute(_LEAVE_NEW)
        rebuilt = []
        if new_rows > BULK_ROWS:
            lock_for_bulk_load()
            # Checks this transaction has deferred must run before the ALTERs.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SELECT set_config('work_mem', %s, true)", [BULK_WORK_MEM])
            for model in (MonthlyValue, event_model(MonthlyValue)):
                rebuilt += _set_aside(cursor, model._meta.db_table, new_rows)
        cursor.execute(_INSERT)
        written += cursor.rowcount
        # Rebuilding checks every row in one pass: a missing measure or area,
        # or a second value for a measure, area and month, raises here and
        # the whole import is rolled back.
        for statement in rebuilt:
            cursor.execute(statement)
        if rebuilt:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # Django's default again
        return written


def _set_aside(cursor: CursorWrapper, table: str, new_rows: int) -> list[str]:
    """Drop `table`'s foreign keys and, if the load outgrows the table, its
    indexes; return the statements that put them back, in order."""
    quote = connection.ops.quote_name
    drop, restore = [], []
    if _holds_at_most(cursor, table, new_rows):
        cursor.execute(_INDEXES, [table])
        for index, index_definition, constraint, definition in cursor.fetchall():
            if constraint:
                drop.append(f"ALTER TABLE {table} DROP CONSTRAINT {quote(constraint)}")
                restore.append(f"ALTER TABLE {table} ADD CONSTRAINT {quote(constraint)} "
                               f"{definition}")
            else:
                drop.append(f"DROP INDEX {index}")
                restore.append(index_definition)
    cursor.execute(_FOREIGN_KEYS, [table])
    for constraint, definition in cursor.fetchall():
        drop.insert(0, f"ALTER TABLE {table} DROP CONSTRAINT {quote(constraint)}")
        restore.append(f"ALTER TABLE {table} ADD CONSTRAINT {quote(constraint)} {definition}")
    for statement in drop:
        cursor.execute(statement)
    return restore


def _holds_at_most(cursor: CursorWrapper, table: str, rows: int) -> bool:
    """Whether `table` has no more than `rows` rows; reads at most rows + 1
    (exact, unlike the planner's estimate, and bounded by the load's size)."""
    cursor.execute(f"SELECT count(*) FROM (SELECT FROM {table} LIMIT %s) AS head",  # noqa: S608
                   [rows + 1])
    return cursor.fetchone()[0] <= rows
