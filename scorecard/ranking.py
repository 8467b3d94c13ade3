"""The stored figures ranked by exception weighting, in SQL: what needs
attention reads one page of them, the dashboard each priority's counts and
top rows, whatever the number of series.

The order is the KPI tables' tie-break too: weighting, highest first, then
seed order (the topic's order, the measure's, then the area's).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db import connection
from django_tables2.data import TableData

from scorecard import figure_store
from scorecard.figures import ensure_current
from scorecard.kpi_rows import KpiRow
from scorecard.models import Area, Measure, Topic
from scorecard.queries import series_rows

_FROM = f"""
    FROM "{{table}}" f
    JOIN "{Measure._meta.db_table}" m ON m.id = f.measure_id AND m.active
    JOIN "{Topic._meta.db_table}" t ON t.id = m.topic_id
    JOIN "{Area._meta.db_table}" a ON a.id = f.area_id
    WHERE f.month = %s"""
_ORDER = 'f.weighting DESC, t."order", m."order", m.name, m.id, a."order", a.name, a.id'


@dataclass(frozen=True)
class Filters:
    """What needs attention's filters (None: all)."""

    priority: int | None = None
    area: int | None = None
    movement: str | None = None

    def sql(self) -> tuple[str, list]:
        clauses, params = [], []
        for column, wanted in (("t.priority_id", self.priority), ("f.area_id", self.area),
                               ("f.movement", self.movement)):
            if wanted:
                clauses.append(f" AND {column} = %s")
                params.append(wanted)
        return "".join(clauses), params


def _from(table: str) -> str:
    """The ranked figures' FROM: the store's, or a table shaped like it (a
    name of ours, not input: figure_store.TABLE or figure_store.KNOWN)."""
    if table == figure_store.TABLE:
        ensure_current()
    return _FROM.format(table=table)


class RankedRows(TableData):
    """Every series at `month` that `filters` let through, highest weighting
    first, for a django-tables2 table: its length is one count, and a page of
    it one read of that page's rows. `table`: where the figures are read."""

    def __init__(self, month: date, filters: Filters, table: str = figure_store.TABLE) -> None:
        super().__init__([])
        self.month, self.filters, self.figures = month, filters, table
        self._from = _from(table)
        self._length: int | None = None

    def __len__(self) -> int:
        if self._length is None:
            where, params = self.filters.sql()
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT count(*) {self._from}{where}", [self.month, *params])  # noqa: S608
                self._length = int(cursor.fetchone()[0])
        return self._length

    def __getitem__(self, key: int | slice) -> list[KpiRow] | KpiRow:
        if isinstance(key, int):
            return self._rows(key, key + 1)[0]
        return self._rows(*key.indices(len(self))[:2])

    def _rows(self, start: int, stop: int) -> list[KpiRow]:
        if stop <= start:
            return []
        where, params = self.filters.sql()
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT f.measure_id, f.area_id {self._from}{where} ORDER BY {_ORDER} "  # noqa: S608
                           "LIMIT %s OFFSET %s", [self.month, *params, stop - start, start])
            series = cursor.fetchall()
        return series_rows(self.month, series, start, table=self.figures)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self[0:len(self)])

    def order_by(self, aliases: object) -> None:
        """The ranking has one order (its table's columns are not sortable)."""


@dataclass
class PriorityCounts:
    """One priority's series at a month: how many, and how many of them are
    concerns and improvements; the first `top` of them by weighting, if above 0."""

    priority: int | None  # None: topics in no priority of the current Plan
    measures: int
    concerns: int
    improvements: int
    top: list[tuple[int, int]]


def by_priority(month: date, priorities: Sequence[int], top: int,
                table: str = figure_store.TABLE) -> list[PriorityCounts]:
    """Each of `priorities` with series at `month`, and the rest as None (one
    query). `table`: where the figures are read."""
    figures = _from(table)
    group = "CASE WHEN t.priority_id = ANY(%s) THEN t.priority_id END"
    with connection.cursor() as cursor:
        cursor.execute(f"""
            WITH ranked AS (
                SELECT {group} AS priority, f.measure_id, f.area_id, f.weighting, f.movement,
                       row_number() OVER (PARTITION BY {group} ORDER BY {_ORDER}) AS rank
                {figures})
            SELECT priority, count(*),
                   count(*) FILTER (WHERE movement = 'concern'),
                   count(*) FILTER (WHERE movement = 'improvement'),
                   coalesce(array_agg(ARRAY[measure_id, area_id] ORDER BY rank)
                            FILTER (WHERE rank <= %s AND weighting > 0), '{{}}')
            FROM ranked GROUP BY priority""",  # noqa: S608
                       [list(priorities), list(priorities), month, top])
        found = cursor.fetchall()
    return [PriorityCounts(priority, measures, concerns, improvements,
                           [(int(m), int(a)) for m, a in top_series])
            for priority, measures, concerns, improvements, top_series in found]
