"""Reads the KPI pages share: measures with what their rows need, and the rows."""

from collections.abc import Iterable, Sequence
from datetime import date

from django.db.models import QuerySet

from scorecard import figure_store
from scorecard.figures import add_trend_lines, month_figures
from scorecard.kpi_rows import KpiRow, kpi_row, kpi_rows
from scorecard.models import Measure, Topic


def active_measures() -> QuerySet[Measure]:
    """Measures in seed order, with their areas and thresholds (three queries)."""
    return Measure.objects.filter(active=True).select_related(
        "topic__priority").prefetch_related("areas", "thresholds")


def rows_at(month: date, measures: Iterable[Measure], *, trend_lines: bool = False,
            known: date | None = None) -> list[KpiRow]:
    """The KPI rows of `measures` (from active_measures) at `month`, in seed order;
    with their trend lines if asked (only pages that draw them need them); from
    the values as known at the end of day `known`, if given."""
    measures = list(measures)
    rows = kpi_rows(measures, month_figures(month, [m.pk for m in measures], known), month)
    if trend_lines:
        add_trend_lines(rows, month, known)
    return rows


def series_rows(month: date, series: Sequence[tuple[int, int]],
                first_position: int = 0, table: str = figure_store.TABLE) -> list[KpiRow]:
    """The KPI rows of (measure, area) pairs `series`, in that order, their
    figures read from `table`; any no longer reported (figures a version
    behind the data) left out."""
    measures = {m.pk: m for m in active_measures().filter(pk__in={m for m, _ in series})}
    areas = {(m.pk, a.pk): a for m in measures.values() for a in m.areas.all()}
    numbers = month_figures(month, list(measures), table=table).to_dict("index")
    return [kpi_row(measures[key[0]], areas[key], numbers.get(key, {}), position, month)
            for position, key in enumerate(map(tuple, series), first_position) if key in areas]


def topic_rows(topic: Topic, month: date, *, trend_lines: bool = False,
               known: date | None = None) -> list[KpiRow]:
    return rows_at(month, active_measures().filter(topic=topic), trend_lines=trend_lines,
                   known=known)
