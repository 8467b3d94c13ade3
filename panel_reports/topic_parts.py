"""A report's topic pages as plain data: WHAT (the KPI table, its charts and any
comparison with other forces), SO WHAT (text with its figure tokens resolved)
and NOW WHAT (actions)."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

import numpy as np

from panel_reports import tokens
from panel_reports.glossary import Marker
from scorecard.charts import Chart, row_charts
from scorecard.formats import add_months, format_value, month_label
from scorecard.kpi_rows import FIGURES, TABLE_COLUMNS, KpiRow, headers, show_thresholds
from scorecard.models import Comparator, ComparatorValue
from scorecard.queries import active_measures, rows_at

if TYPE_CHECKING:
    from panel_reports.models import TopicPage

CELLS = [*FIGURES, "thresholds"]
COMPARED = [Comparator.FORCE, Comparator.SAME_PERIOD_LAST_YEAR, Comparator.MOST_SIMILAR_GROUP,
            Comparator.NATIONAL]


def rows_by_topic(months: dict) -> dict[int, list]:
    """Each topic's KPI rows at its month ({topic id: month}): one read of the
    measures, and of the figures for each month."""
    measures = list(active_measures().filter(topic__in=months))
    found = defaultdict(list)
    for month in set(months.values()):
        shown = [m for m in measures if months[m.topic_id] == month]
        for row in rows_at(month, shown, trend_lines=True):
            found[row.measure.topic_id].append(row)
    for rows in found.values():
        rows.sort(key=lambda row: row.position)
    return found


def page_month(page: "TopicPage") -> date:
    return page.reference_month or page.report.reference_month


def rows_of_pages(pages: Iterable["TopicPage"]) -> dict[int, list]:
    return rows_by_topic({page.topic_id: page_month(page) for page in pages})


def row_key(row: KpiRow) -> str:
    return f"{row.measure.code}/{row.area.code}"


def comparator_values(rows: Iterable[KpiRow]) -> dict[int, list]:
    """The comparator values of every force row's measure, by measure (one query)."""
    measures = {row.measure.pk for row in rows if row.area.is_force}
    found = defaultdict(list)
    for value in ComparatorValue.objects.filter(measure__in=measures, force_name=""):
        found[value.measure_id].append(value)
    return found


def topic_part(page: "TopicPage", rows: list[KpiRow], book: tokens.FigureBook, marker: Marker,
               compared: dict[int, list]) -> dict:
    month = page_month(page)
    return {
        "kind": "topic", "slug": f"topic-{page.topic.code}", "title": page.topic.name,
        "level": 2, "code": page.topic.code, "month": month, "month_label": month_label(month),
        "columns": ["trend_line", *TABLE_COLUMNS[1:]]
        + (["thresholds"] if show_thresholds(rows) else []),
        "headers": headers(month),
        "rows": [_row(row, marker) for row in rows],
        "charts": [_chart(chart, page) for chart in row_charts(rows, month)]
        if page.show_charts else [],
        "comparisons": comparisons(rows, month, compared),
        "so_what": marker.block(tokens.render(page.so_what, book)),
        "now_what": marker.block(page.now_what),
    }


def _row(row: KpiRow, marker: Marker) -> dict:
    line = row.figures.get("trend_line")
    return {
        "key": row_key(row), "label": marker.segments(row.label), "text": row.label,
        "unit": row.measure.unit, "cells": {name: row.cells.get(name, "") for name in CELLS},
        "exceptions": row.figures.get("exceptions") or "", "movement": row.movement,
        "trend_line": [] if line is None else list(np.asarray(line, dtype=float)),
    }


def _chart(chart: Chart, page: "TopicPage") -> dict:
    return {"label": chart.label, "area": {"code": chart.area.code}, "summary": chart.summary,
            "figure": chart.figure,
            "element_id": f"{page.topic.code}-{chart.element_id}",
            "months": [{"month": p.month, "shown": p.shown, "rules": p.rules}
                       for p in chart.months]}


def comparisons(rows: list[KpiRow], month: date,
                compared: dict[int, list]) -> dict | None:
    """Seed 001's complaints table: the force's latest compared period ending by
    `month`, the same period a year before (SPLY), the most similar group's
    average and the national figure, for the topic's measures that have them."""
    measures = {row.measure.pk: row.measure for row in rows if row.area.is_force}
    values = [v for pk in measures for v in compared.get(pk, []) if v.period_end <= month]
    latest = max((v.period_end for v in values if v.comparator == Comparator.FORCE),
                 default=None)
    if latest is None:
        return None
    start = max(v.period_start for v in values
                if v.comparator == Comparator.FORCE and v.period_end == latest)
    found = {}
    for value in values:
        if (value.period_start, value.period_end) == (start, latest):
            found[(value.measure_id, value.comparator)] = value
        elif (value.period_start, value.period_end, value.comparator) == (
                add_months(start, -12), add_months(latest, -12), Comparator.FORCE):
            found[(value.measure_id, Comparator.SAME_PERIOD_LAST_YEAR)] = value
    table = [{"label": measure.name, "cells": [
        format_value(measure.unit, found[(pk, c)].value if (pk, c) in found else None)
        for c in COMPARED]} for pk, measure in measures.items()
        if (pk, Comparator.FORCE) in found]
    sources = sorted({v.source for v in found.values() if v.source})
    return {"columns": [c.label for c in COMPARED], "rows": table,
            "period": f"{start:%b %Y} – {latest:%b %Y}", "source": "; ".join(sources)}
