"""KPI figures computed from the monthly values by stats.py, and the data
version they come from.

The version is the newest history entry of the values, the measures (and
their areas) and the method settings. Any write to those, from a form, an
upload, the admin or bulk SQL, adds a history entry (Postgres triggers), so
figures stored under an older version are known to be out of date
(scorecard/figure_store.py keeps them; scorecard/figures.py reads them).
"""

from collections.abc import Collection, Iterable, Iterator
from datetime import date

import numpy as np
import numpy.typing as npt
import pandas as pd
from django.db import connection
from django.db.models import Max, Min

from oversight.core.history import event_model
from oversight.core.known import end_of
from scorecard import stats
from scorecard.formats import add_months
from scorecard.models import Measure, MeasureArea, MethodSettings, MonthlyValue

# In this order: figure_store reads which of them changed.
HISTORY = [MonthlyValue, Measure, MeasureArea, MethodSettings]
# A month's figures need M−35..M for the baseline and M−23..M for two 12-month windows.
MONTHS_NEEDED = stats.BASELINE_MONTHS + 12
VALUE_COLUMNS = ["measure", "area", "month", "value", "numerator", "denominator", "weight"]


def version_sql() -> str:
    """The data version as one SQL expression: each history table's newest id."""
    parts = ", ".join(
        f'(SELECT coalesce(max(pgh_id), 0) FROM "{event_model(model)._meta.db_table}")'  # noqa: S608
        for model in HISTORY)  # table names are the models' own, not input
    return f"concat_ws(':', {parts})"


def data_version() -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {version_sql()}")  # noqa: S608
        version: str = cursor.fetchone()[0]
        return version


def series_table(measure_ids: Collection[int] | None = None) -> pd.DataFrame:
    """Every active measure × area (or those of `measure_ids`), with what
    stats.kpi_figures needs of the measure."""
    links = MeasureArea.objects.filter(measure__active=True)
    if measure_ids is not None:
        links = links.filter(measure__in=measure_ids)
    frame = pd.DataFrame(list(links.values_list(
        "measure_id", "area_id", "measure__aggregation", "measure__unit",
        "measure__polarity", "measure__baseline_start", "measure__baseline_end")), columns=[
        "measure", "area", "aggregation", "unit", "polarity", "baseline_start",
        "baseline_end"])
    for end in ("baseline_start", "baseline_end"):
        frame[end] = [stats.month_number(d) if d else np.nan for d in frame[end]]
    return frame


def compute(months: list[date], series: pd.DataFrame | None = None,
            only_theirs: bool | None = None, known: date | None = None) -> pd.DataFrame:
    """The figures of every series at each of `months`, from one read of the
    values they need: a row per month and series (columns month, measure, area
    and stats.FIGURE_COLUMNS). `only_theirs`, `known`: as read_values."""
    series = series_table() if series is None else series
    numbers = {stats.month_number(m): m for m in months}
    values = read_values(min(months), max(months), series, only_theirs=only_theirs,
                         known=known)
    table = stats.kpi_figures(values, series, list(numbers), MethodSettings.current())
    keys = series.index.get_indexer(table.index.get_level_values("series"))
    month = [numbers[n] for n in table.index.get_level_values("month")]
    table = table.reset_index(drop=True)
    table.insert(0, "area", series["area"].to_numpy()[keys])
    table.insert(0, "measure", series["measure"].to_numpy()[keys])
    table.insert(0, "month", month)
    return table


# A refresh reads and computes about this many values at a time, so its
# memory is that of a part, not of all the data (a million values at once
# peaked at 1 GB: their rows as Python tuples, then as frames).
PART_VALUES = 150_000


def compute_in_parts(months: list[date], series: pd.DataFrame) -> Iterator[pd.DataFrame]:
    """compute(months, series), a few series at a time, each part reading
    about PART_VALUES values."""
    span = len(months) + MONTHS_NEEDED - 1
    size = max(1, PART_VALUES // span)
    for start in range(0, len(series), size):
        yield compute(months, series.iloc[start:start + size].reset_index(drop=True),
                      only_theirs=size < len(series))


def read_values(first: date, last: date, series: pd.DataFrame,
                window: int = MONTHS_NEEDED, only_theirs: bool | None = None,
                known: date | None = None) -> pd.DataFrame:
    """The values of `series`' measures that reference months first..last need
    (`window` months back from each), and fixed baselines' months. Filtered
    by measure if `only_theirs`, or by default when they are few. `known`: the
    values as they stood at the end of that day, from their history."""
    # Month numbers as stats.month_number makes them, by Postgres.
    columns = """v.measure_id, v.area_id,
        (extract(year FROM v.month) * 12 + extract(month FROM v.month) - 1)::int,
        v.value::float8, v.numerator::float8, v.denominator::float8, v.weight::float8"""
    where = """v.month <= %s AND (v.month >= %s
               OR v.month BETWEEN m.baseline_start AND m.baseline_end)"""
    params: list = [last, add_months(first, 1 - window)]
    if only_theirs is None:
        only_theirs = len(series) < 1000  # a few measures: read only theirs
    if only_theirs:
        where += " AND v.measure_id = ANY(%s)"
        params.append(sorted(set(series["measure"].tolist())))
    measures = f'JOIN "{Measure._meta.db_table}" m ON m.id = v.measure_id'
    if known is None:
        sql = f'SELECT {columns} FROM "{MonthlyValue._meta.db_table}" v {measures} WHERE {where}'  # noqa: S608
    else:  # each value's latest history entry by then, unless that removed it
        sql = f"""SELECT {columns} FROM (
            SELECT DISTINCT ON (v.measure_id, v.area_id, v.month) v.*
            FROM "{event_model(MonthlyValue)._meta.db_table}" v {measures}
            WHERE v.pgh_created_at < %s AND {where}
            ORDER BY v.measure_id, v.area_id, v.month, v.pgh_id DESC) v
            WHERE v.pgh_label <> 'delete'"""  # noqa: S608
        params.insert(0, end_of(known))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)  # table names are the models' own, not input
        frame = pd.DataFrame(cursor.fetchall(), columns=VALUE_COLUMNS)
    frame = frame.astype({"month": int, **dict.fromkeys(VALUE_COLUMNS[3:], float)})
    frame["series"] = series_position(series, frame)
    return frame


def series_position(series: pd.DataFrame, rows: pd.DataFrame) -> npt.NDArray[np.int64]:
    """Each of `rows`' (measure, area) as its row number in `series` (−1 if none),
    by one integer key a pair (a million rows: far quicker than tuple keys)."""
    areas = [frame["area"].max() for frame in (series, rows) if len(frame)]
    width = int(max(areas, default=0)) + 1

    def key(frame: pd.DataFrame) -> npt.NDArray[np.int64]:
        return frame["measure"].to_numpy(np.int64) * width + frame["area"].to_numpy(np.int64)

    found: npt.NDArray[np.int64] = pd.Index(key(series)).get_indexer(key(rows))
    return found


def trend_lines(month: date, series: pd.DataFrame,
                known: date | None = None) -> list[list[float]]:
    """Column 1 for `series` (measure, area, aggregation): each one's monthly
    values M−35..M, read for those series alone (as known on `known`)."""
    if series.empty:
        return []
    series = series.reset_index(drop=True)
    values = read_values(month, month, series, window=stats.BASELINE_MONTHS, known=known)
    number = stats.month_number(month)
    lines = stats.trend_lines(values, series, [number])[number]
    return [list(line) for line in lines.to_numpy()]


def month_range(measures: Iterable[Measure] | None = None) -> list[date]:
    """Every month from the first with data to the latest, newest first (one query)."""
    values = MonthlyValue.objects.all()
    if measures is not None:
        values = values.filter(measure__in=measures)
    span = values.aggregate(first=Min("month"), last=Max("month"))
    if span["last"] is None:
        return []
    return months_between(span["first"], span["last"])


def months_between(first: date, last: date) -> list[date]:
    """first..last, newest first."""
    count = (last.year - first.year) * 12 + last.month - first.month
    return [add_months(last, -i) for i in range(count + 1)]
