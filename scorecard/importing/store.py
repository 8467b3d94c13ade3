"""Writing checked monthly values: staged with COPY, compared and upserted in SQL.

Set-based: the number of statements does not grow with the file. Call
inside transaction.atomic(); the staging table is dropped at commit.
The SQL is assembled from constants only (hence the S608 exemptions).
"""

import io
from dataclasses import dataclass, field

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv
from django.db import connection

STAGED_COLUMNS = [
    "measure_id", "area_id", "month", "value", "numerator", "denominator", "weight", "note", "row",
]
FIELDS = ["value", "numerator", "denominator", "weight", "note"]
CHANGES_SHOWN = 500

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
_INSERT = f"""
INSERT INTO scorecard_monthlyvalue
    (measure_id, area_id, month, value, numerator, denominator, weight, note)
SELECT measure_id, area_id, month, value, numerator, denominator, weight, note
FROM staged_values s
WHERE NOT EXISTS (SELECT FROM scorecard_monthlyvalue v WHERE {_KEY_MATCH})
"""  # noqa: S608


@dataclass
class Change:
    row: int
    measure: str
    unit: str
    area: str
    month: object
    fields: list = field(default_factory=list)  # (field, old, new)


@dataclass
class Comparison:
    new: int
    changed: int
    unchanged: int
    fingerprint: str  # differs if what the upsert would do differs
    changes: list  # the first CHANGES_SHOWN changes


def stage(rows) -> None:
    """COPY the checked rows (a DataFrame of STAGED_COLUMNS) into staged_values."""
    month = pd.to_datetime(rows["month"]).to_numpy().astype("datetime64[D]")
    table = pa.table({
        name: pa.array(month) if name == "month"
        else pa.array(rows[name].to_numpy(), from_pandas=True)
        for name in STAGED_COLUMNS
    })
    for name in ("measure_id", "area_id", "row"):
        table = table.set_column(table.column_names.index(name), name,
                                 table[name].cast(pa.int64()))
    # Arrow writes CSV in C++, many times faster than DataFrame.to_csv.
    buffer = io.BytesIO()
    pa_csv.write_csv(table, buffer, pa_csv.WriteOptions(include_header=False))
    del table
    buffer.seek(0)
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS staged_values")
        cursor.execute(_STAGE)
        # FORCE_NOT_NULL: an empty note is "" (as stored), not NULL.
        cursor.copy_expert(
            "COPY staged_values FROM STDIN WITH (FORMAT csv, FORCE_NOT_NULL (note))", buffer
        )


def compare() -> Comparison:
    with connection.cursor() as cursor:
        cursor.execute(_COUNTS)
        new, changed, unchanged, digest = cursor.fetchone()
        cursor.execute(_CHANGES, [CHANGES_SHOWN])
        changes = [_change(row) for row in cursor.fetchall()]
    return Comparison(new, changed, unchanged, f"{new}:{changed}:{unchanged}:{digest}", changes)


def _change(row) -> Change:
    number, code, unit, area, month, *values = row
    old, new = values[:5], values[5:]
    fields = [(name, o, n) for name, o, n in zip(FIELDS, old, new, strict=True) if o != n]
    return Change(number, code, unit, area, month, fields)


def lock() -> None:
    """Make other writers of monthly values wait for this transaction."""
    with connection.cursor() as cursor:
        cursor.execute("LOCK TABLE scorecard_monthlyvalue IN SHARE ROW EXCLUSIVE MODE")


# Above this many rows written, the values' foreign keys are checked once,
# after the write (one join), not row by row at commit: a million deferred
# checks took 14 s of a 40 s import. Dropping them locks the values (and the
# measures and areas) against reading until commit, so only for large loads.
BULK_ROWS = 100_000
_FOREIGN_KEYS = """
SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
WHERE conrelid = 'scorecard_monthlyvalue'::regclass AND contype = 'f'
"""


def upsert(rows: int = 0) -> int:
    """Write the staged rows that are new or changed (`rows`, from compare());
    returns how many."""
    lock()
    with connection.cursor() as cursor:
        keys = []
        if rows > BULK_ROWS:
            # Checks this transaction has deferred must run before the ALTER.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(_FOREIGN_KEYS)
            keys = cursor.fetchall()
            for name, _ in keys:
                cursor.execute(f'ALTER TABLE scorecard_monthlyvalue DROP CONSTRAINT "{name}"')
        cursor.execute(_UPDATE)
        written = cursor.rowcount
        cursor.execute(_INSERT)
        written += cursor.rowcount
        # Re-adding checks every row in one pass; a missing measure or area
        # raises here and the whole import is rolled back.
        for name, definition in keys:
            cursor.execute(f'ALTER TABLE scorecard_monthlyvalue ADD CONSTRAINT "{name}" '
                           f"{definition}")
        if keys:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # Django's default again
        return written
