"""The KPI figures pages show, read from the store (scorecard/figure_store.py):
only the rows a page shows, by index.

Just after a data change the stored figures are a version behind. A page then
brings them up to date itself when that is small work (reading at most
FIGURES_IN_REQUEST_VALUES values), or else shows them as they were
and asks the worker to; `recomputing()` tells its template to say so.
"""

from collections.abc import Collection, Sequence
from datetime import date

import pandas as pd
from django.conf import settings
from django.db import connection, transaction
from django.db.models import FloatField, QuerySet

from oversight.core.locks import Busy, busy_when_locked
from scorecard import computing, figure_store, stats, tasks
from scorecard.importing.store import bulk_load_under_way
from scorecard.kpi_rows import KpiRow
from scorecard.models import Figure, Measure

FIGURE_FIELDS = ", ".join(f'"{name}"' for name in stats.FIGURE_COLUMNS)
NUMBERS = [f.name for f in Figure._meta.get_fields() if isinstance(f, FloatField)]


def ensure_current() -> bool:
    """Whether the stored figures are those of the data as they stand."""
    if figure_store.is_current():
        return True
    if bulk_load_under_way():  # its job asks for a refresh when it is done
        return False
    try:
        if figure_store.refresh(most_values=settings.FIGURES_IN_REQUEST_VALUES):
            return True
    except Busy:  # a bulk load holds the values: its job refreshes after it
        return False
    tasks.queue_refresh_figures()
    return False


def recomputing() -> bool:
    """The figures shown are a version behind the data (the worker is on it)."""
    return not figure_store.is_current()


def month_figures(month: date, measure_ids: Collection[int] | None = None,
                  known: date | None = None, table: str = figure_store.TABLE) -> pd.DataFrame:
    """The stored figures at `month` of `measure_ids`' series (or every series),
    indexed by (measure, area): stats.FIGURE_COLUMNS. As known on a past day
    `known`, they are computed from the values' history (what a page shows:
    a topic's or a briefing's series, so a few at a time). `table`: a table
    shaped like the store to read them from instead (figure_store.known_figures)."""
    if known is not None:
        figures = computing.compute([month], computing.series_table(measure_ids), known=known)
        return figures.drop(columns="month").set_index(["measure", "area"])
    if table == figure_store.TABLE:
        ensure_current()
    sql = (f'SELECT measure_id, area_id, {FIGURE_FIELDS} FROM "{table}" '  # noqa: S608
           "WHERE month = %s")
    params: list = [month]
    if measure_ids is not None:
        sql += " AND measure_id = ANY(%s)"
        params.append(list(measure_ids))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = cursor.fetchall()
    frame = pd.DataFrame(found, columns=["measure", "area", *stats.FIGURE_COLUMNS])
    # A figure stats.py could not compute is stored as NULL and read back as NaN.
    return frame.astype(dict.fromkeys(NUMBERS, float)).set_index(["measure", "area"])


def months() -> list[date]:
    """The reference months with stored figures, newest first, from the figures'
    own key (one query, at any size); the data's months until first stored."""
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT min(month), max(month) FROM "{figure_store.TABLE}"')  # noqa: S608
        first, last = cursor.fetchone()
    if last is None:
        return computing.month_range()
    return computing.months_between(first, last)


def months_of(measures: QuerySet[Measure]) -> list[date]:
    """The months `measures` have data for, newest first; during a bulk load,
    those with stored figures (the values are not read then)."""
    return months() if bulk_load_under_way() else computing.month_range(measures)


def add_trend_lines(rows: Sequence[KpiRow], month: date, known: date | None = None) -> None:
    """Column 1, read for these rows alone: each one's values M−35..M (as known
    on `known`). None while a bulk load holds the values (the page says data
    are being loaded)."""
    if bulk_load_under_way():
        return
    series = pd.DataFrame({"measure": [row.measure.pk for row in rows],
                           "area": [row.area.pk for row in rows],
                           "aggregation": [row.measure.aggregation for row in rows]})
    try:
        with transaction.atomic(), busy_when_locked():
            lines = computing.trend_lines(month, series, known)
    except Busy:
        return
    for row, line in zip(rows, lines, strict=True):
        row.figures["trend_line"] = line
