"""The stored KPI figures: every series at every reference month, in Postgres
(Figure), with the data version they come from (FigureState). Every app server
reads the same figures, and a page reads only the rows it shows, by index.

refresh() brings them up to date. The worker runs it after a data change
(scorecard/tasks.py); a page runs it itself when the work is small
(scorecard/figures.py). It recomputes only the reference months a change can
reach: a changed value moves the figures of its month and every later one
(all months, if it lies in its measure's fixed baseline); a changed measure,
area link or method setting moves them all.
"""

import io
import time
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from datetime import date
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv
from django.db import connection, transaction
from django.utils import timezone

from oversight.core.history import event_model
from oversight.core.locks import busy_when_locked
from scorecard import stats
from scorecard.computing import (
    MONTHS_NEEDED,
    compute,
    compute_in_parts,
    month_range,
    series_table,
    version_sql,
)
from scorecard.models import Figure, FigureState, Measure, MeasureArea, MonthlyValue

TABLE = Figure._meta.db_table
NEXT = f"{TABLE}_next"
# Every month's figures, this many rows or more, go into a new table (below).
REPLACE_ROWS = 50_000
COLUMNS = ["month", "measure_id", "area_id", *stats.FIGURE_COLUMNS]
REFRESH_LOCK = 0x4B5049  # the advisory lock key of refreshing ("KPI"): one at a time


def versions() -> tuple[str | None, str]:
    """(The stored figures' data version, or None; the data's version), in one query."""
    with connection.cursor() as cursor:
        cursor.execute(f"""SELECT (SELECT version FROM "{FigureState._meta.db_table}"
                                   WHERE id = 1), {version_sql()}""")  # noqa: S608
        stored, current = cursor.fetchone()
        return stored, current


def is_current() -> bool:
    stored, current = versions()
    return stored == current


def months_to_recompute(stored: str | None, current: str, months: list[date]) -> list[date]:
    """Which of the data's reference months `months` (newest first) the changes
    from `stored` to `current` can have moved."""
    if stored is None or stored.split(":")[1:] != current.split(":")[1:]:
        return months  # a measure, area link or method setting changed: everything
    first = _first_changed_month(int(stored.split(":")[0]))
    return [m for m in months if first is not None and m >= first]


def _first_changed_month(since: int) -> date | None:
    """The earliest month of a value changed after history entry `since`
    (date.min if one lies in its measure's fixed baseline)."""
    events, measures = event_model(MonthlyValue)._meta.db_table, Measure._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"""
            SELECT min(e.month), bool_or(e.month BETWEEN m.baseline_start AND m.baseline_end)
            FROM "{events}" e LEFT JOIN "{measures}" m ON m.id = e.measure_id
            WHERE e.pgh_id > %s""", [since])  # noqa: S608
        first, in_baseline = cursor.fetchone()
    return date.min if in_baseline else first


def refresh(most_values: int | None = None) -> bool:
    """Recompute the figures the data's changes since they were stored reach.
    With `most_values`, only if that reads at most so many monthly values (series
    × the months from the first recomputed's baseline on), and only if no other
    refresh is under way. Returns whether the stored figures are then current.
    Raises Busy if a bulk load holds the values.

    The values are read, and the figures computed, a part at a time before the
    transaction that writes them: a bulk load waits only for a read, not for
    the rest, and memory holds one part's values."""
    started = time.perf_counter()
    with busy_when_locked(), _refreshing(wait=most_values is None) as alone:
        if not alone:
            return False
        with _reading():
            stored, current = versions()  # read before the values: never newer than they
            if stored == current:
                return True
            if most_values is not None and _series_count() * MONTHS_NEEDED > most_values:
                return False  # even one month would read too many: no need to plan
            held = month_range()
            months = months_to_recompute(stored, current, held)
            if len(months) * 2 > len(held):
                months = held  # most of them: all, written the quicker way (below)
            series = series_table()
            span = len(months) + MONTHS_NEEDED - 1 if months else 0
            if most_values is not None and len(series) * span > most_values:
                return False
            parts = compute_in_parts(months, series) if months and not series.empty else None
            replace = parts is not None and months == held and (
                len(series) * len(months) >= REPLACE_ROWS)
            figures = None
            if parts is not None:
                if replace:
                    _fill_next(parts)
                else:
                    figures = pd.concat(parts)
        with transaction.atomic():
            if replace:
                _swap_in()
            else:
                _write(months, held, figures)
            FigureState.objects.update_or_create(pk=1, defaults={
                "version": current, "computed_at": timezone.now(), "months": len(months),
                "seconds": time.perf_counter() - started})
    return True


def _reading() -> AbstractContextManager:
    """Outside a transaction, nothing: each read is its own, and holds its locks
    no longer than itself. Inside one, a savepoint, so that a failed read leaves
    the transaction able to release the refresh's lock."""
    return transaction.atomic() if connection.in_atomic_block else nullcontext()


def _series_count() -> int:
    return MeasureArea.objects.filter(measure__active=True).count()


@contextmanager
def _refreshing(wait: bool) -> Iterator[bool]:
    """Whether this session is the one refreshing (a session advisory lock,
    released at the end, or with the connection if its process dies)."""
    with connection.cursor() as cursor:
        if wait:
            cursor.execute("SELECT pg_advisory_lock(%s)", [REFRESH_LOCK])
            locked = True
        else:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [REFRESH_LOCK])
            locked = cursor.fetchone()[0]
    try:
        yield locked
    finally:
        if locked:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [REFRESH_LOCK])


def _write(months: list[date], held: list[date], figures: pd.DataFrame | None) -> None:
    """Replace the figures of `months` in place, and drop those of months no
    longer held."""
    with connection.cursor() as cursor:
        cursor.execute(
            f'DELETE FROM "{TABLE}" WHERE month >= %s OR month NOT BETWEEN %s AND %s',  # noqa: S608
            [min(months) if months else date.max, held[-1] if held else date.max,
             held[0] if held else date.min])
        if figures is not None:
            _copy(cursor, TABLE, figures)


# Every month anew: into a new table, its key and index made after the rows (a
# third of the time of keeping them up as rows arrive, and none spent on the old
# rows' keys), then put in the old one's place. Readers wait only for the swap.
# The new table is filled part by part, each part's values read and computed
# in turn; a refresh that stops leaves it for the next to drop.
_REPLACE = [
    f'ALTER TABLE "{NEXT}" ADD CONSTRAINT "{NEXT}_pkey" PRIMARY KEY (month, measure_id, area_id)',
    f'CREATE INDEX "{NEXT}_weighting" ON "{NEXT}" (month, weighting DESC)',
    f'DROP TABLE "{TABLE}"',
    f'ALTER TABLE "{NEXT}" RENAME TO "{TABLE}"',
    f'ALTER INDEX "{NEXT}_pkey" RENAME TO "{TABLE}_pkey"',
    f'ALTER INDEX "{NEXT}_weighting" RENAME TO "figure_month_weighting"',
]


def _fill_next(parts: Iterable[pd.DataFrame]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f'DROP TABLE IF EXISTS "{NEXT}"')
        cursor.execute(f'CREATE TABLE "{NEXT}" (LIKE "{TABLE}" INCLUDING DEFAULTS)')
        for figures in parts:
            _copy(cursor, NEXT, figures)


def _swap_in() -> None:
    with connection.cursor() as cursor:
        for statement in _REPLACE:
            cursor.execute(statement)


KNOWN = "figures_as_known"


@contextmanager
def known_figures(month: date, known: date) -> Iterator[str]:
    """Every series' figures at `month` as known at the end of day `known`
    (from the values' history), in a temporary table shaped like the store:
    the ranking's SQL reads it as it reads the store. It lasts for the block,
    inside a transaction (rolled back with it if the block fails)."""
    figures = compute([month], known=known)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f'DROP TABLE IF EXISTS "{KNOWN}"')
        cursor.execute(f'CREATE TEMP TABLE "{KNOWN}" (LIKE "{TABLE}" INCLUDING DEFAULTS)')
        _copy(cursor, KNOWN, figures)
        cursor.execute(f'ANALYZE "{KNOWN}"')
        yield KNOWN
        cursor.execute(f'DROP TABLE "{KNOWN}"')


def _copy(cursor: Any, table: str, figures: pd.DataFrame) -> None:
    """The figures into `table` by COPY, as CSV written by Arrow (as the import
    does); a figure stats.py could not compute (NaN) is stored as NULL."""
    figures = figures.rename(columns={"measure": "measure_id", "area": "area_id"})[COLUMNS]
    buffer = io.BytesIO()
    pa_csv.write_csv(pa.Table.from_pandas(figures, preserve_index=False), buffer,
                     pa_csv.WriteOptions(include_header=False))
    columns = ", ".join(f'"{c}"' for c in COLUMNS)
    with cursor.copy(f'COPY "{table}" ({columns}) FROM STDIN WITH (FORMAT csv)') as copy:
        copy.write(buffer.getvalue())
