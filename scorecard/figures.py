"""KPI figures from the database: computed by stats.py, once per data change.

A month's figures for every measure × area are cached under the data's
version: the newest history entry of the values, the measures (and their
areas) and the method settings. Any write to those, from a form, an upload,
the admin or bulk SQL, adds a history entry (Postgres triggers), so a new
version is computed on the next read and the old one is never served again.
"""

from collections.abc import Iterable
from datetime import date

import numpy as np
import pandas as pd
from django.core.cache import cache
from django.db import connection
from django.db.models import Max, Min

from oversight.core.history import event_model
from scorecard import stats
from scorecard.formats import add_months, month_key
from scorecard.models import Measure, MeasureArea, MethodSettings, MonthlyValue

HISTORY = [MonthlyValue, Measure, MeasureArea, MethodSettings]
# A month's figures need M−35..M for the baseline and M−23..M for two 12-month windows.
MONTHS_NEEDED = stats.BASELINE_MONTHS + 12


def data_version() -> str:
    """The newest history entry of everything the figures depend on (one query)."""
    parts = ", ".join(
        f'(SELECT max(pgh_id) FROM "{event_model(model)._meta.db_table}")'  # noqa: S608
        for model in HISTORY)  # table names are the models' own, not input
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT concat_ws(':', {parts})")
        return cursor.fetchone()[0]


def month_figures(month: date, version: str | None = None) -> pd.DataFrame:
    """Every series' figures for reference month `month`, indexed by (measure, area):
    stats.FIGURE_COLUMNS and `trend_line` (the values M−35..M)."""
    key = _key(version or data_version(), month)
    figures = cache.get(key)
    if figures is None:
        figures = compute([month])[month]
        cache.set(key, figures, timeout=None)
    return figures


def _key(version: str, month: date) -> str:
    return f"kpi:{version}:{month_key(month)}"


def compute(months: list[date]) -> dict:
    """The figures for each of `months`, from one read of the values they need."""
    series = _series()
    numbers = {stats.month_number(m): m for m in months}
    values = _values(min(months), max(months), series)
    table = stats.kpi_figures(values, series, list(numbers), MethodSettings.current())
    lines = stats.trend_lines(values, series, list(numbers))
    keys = pd.MultiIndex.from_frame(series[["measure", "area"]])
    result = {}
    for number, month in numbers.items():
        figures = table.xs(number, level="month").copy()
        figures["trend_line"] = list(lines[number].to_numpy())
        figures.index = keys
        result[month] = figures
    return result


def recompute_all() -> int:
    """Compute and cache every month's figures at once (after a full import)."""
    version, months = data_version(), month_range()
    if months:
        cache.set_many({_key(version, m): f for m, f in compute(months).items()}, timeout=None)
    return len(months)


def _series() -> pd.DataFrame:
    links = MeasureArea.objects.filter(measure__active=True).values_list(
        "measure_id", "area_id", "measure__aggregation", "measure__unit",
        "measure__polarity", "measure__baseline_start", "measure__baseline_end")
    frame = pd.DataFrame(list(links), columns=[
        "measure", "area", "aggregation", "unit", "polarity", "baseline_start",
        "baseline_end"])
    for end in ("baseline_start", "baseline_end"):
        frame[end] = [stats.month_number(d) if d else np.nan for d in frame[end]]
    return frame


def _values(first: date, last: date, series: pd.DataFrame) -> pd.DataFrame:
    """The months reference months first..last need, and fixed baselines' months."""
    table = MonthlyValue._meta.db_table
    sql = f"""
        SELECT v.measure_id, v.area_id, v.month, v.value::float8, v.numerator::float8,
               v.denominator::float8, v.weight::float8
        FROM "{table}" v JOIN "{Measure._meta.db_table}" m ON m.id = v.measure_id
        WHERE v.month <= %s AND (v.month >= %s
              OR v.month BETWEEN m.baseline_start AND m.baseline_end)"""  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [last, add_months(first, 1 - MONTHS_NEEDED)])
        rows = cursor.fetchall()
    frame = pd.DataFrame(rows, columns=[
        "measure", "area", "month", "value", "numerator", "denominator", "weight"])
    keys = pd.MultiIndex.from_frame(series[["measure", "area"]])
    frame["series"] = keys.get_indexer(pd.MultiIndex.from_frame(frame[["measure", "area"]]))
    frame["month"] = [stats.month_number(m) for m in frame["month"]]
    return frame.astype({c: float for c in ("value", "numerator", "denominator", "weight")})


def month_range(measures: Iterable[Measure] | None = None) -> list[date]:
    """Every month from the first with data to the latest, newest first (one query)."""
    values = MonthlyValue.objects.all()
    if measures is not None:
        values = values.filter(measure__in=measures)
    span = values.aggregate(first=Min("month"), last=Max("month"))
    if span["last"] is None:
        return []
    first, last = span["first"], span["last"]
    count = (last.year - first.year) * 12 + last.month - first.month
    return [add_months(last, -i) for i in range(count + 1)]
