"""A measure's control chart: its monthly values with the centre line, the 1, 2
and 3 sigma limits, the months where a rule holds, thresholds and annotations.

The figures are the KPI table's (queries.rows_at) and the rule marks come
from stats.rule_flags, so chart and table cannot disagree. The chart is plotly
JSON, drawn by static/js/charts.js; a sentence and a table say the same in words.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import plotly.graph_objects as go
from django.db.models import Q

from oversight.core.charts import figure_json, new_figure
from scorecard import stats
from scorecard.formats import add_months, format_value, month_label
from scorecard.kpi_rows import KpiRow
from scorecard.models import Annotation, Area, Measure, Threshold
from scorecard.queries import rows_at

SIGMA_LINES = [(3, "dot"), (2, "dash"), (1, "dashdot")]
RULE_SYMBOLS = {"One": "diamond", "Two": "square", "Three": "triangle-up", "Eight": "circle-open"}


@dataclass
class ChartMonth:
    month: date
    value: float
    shown: str
    rules: list = field(default_factory=list)  # "One-Month High", …


@dataclass
class Chart:
    label: str
    area: Area
    months: list
    figure: dict | None  # plotly JSON; None without values
    summary: str
    element_id: str = ""  # of the page's JSON script element


def measure_charts(measure: Measure, month: date, known: date | None = None) -> list[Chart]:
    """One chart per area the measure is reported for (areas and thresholds
    prefetched); from the values as known at the end of day `known`, if given."""
    return row_charts(rows_at(month, [measure], trend_lines=True, known=known), month)


def row_charts(rows: Sequence[KpiRow], month: date) -> list[Chart]:
    """A chart for each KPI row (thresholds prefetched), with one query for the notes."""
    measures = {row.measure.pk for row in rows}
    notes = list(Annotation.objects.filter(
        Q(measure__in=measures) | Q(measure__isnull=True), month__lte=month))
    charts = []
    for number, row in enumerate(rows, 1):
        notes_here = [n for n in notes if n.measure_id in (None, row.measure.pk)
                      and n.area_id in (None, row.area.pk)]
        charts.append(chart(row, month, list(row.measure.thresholds.all()), notes_here))
        charts[-1].element_id = f"chart-{number}-data"
    return charts


def scale(unit: str) -> tuple[float, str]:
    """Durations are drawn in minutes: seconds make unreadable axes."""
    return (60.0, "minutes") if unit == "duration" else (1.0, "")


def chart(row: KpiRow, month: date, thresholds: list[Threshold],
          annotations: list[Annotation]) -> Chart:
    unit, figures = row.measure.unit, row.figures
    line = np.asarray(figures.get("trend_line", []), dtype=float)
    months = [add_months(month, i - len(line) + 1) for i in range(len(line))]
    start = int(np.argmax(~np.isnan(line))) if (~np.isnan(line)).any() else len(line)
    line, months = line[start:], months[start:]  # from the series' first month
    centre, sigma = figures.get("centre", np.nan), figures.get("sigma", np.nan)
    flags = stats.rule_flags(line[None, :], np.array([[centre]]), np.array([[sigma]]))
    points = [ChartMonth(m, v, format_value(unit, v), [
        f"{rule}-Month {side}" for (rule, side), held in flags.items() if held[0, i]])
        for i, (m, v) in enumerate(zip(months, line, strict=True))]
    figure = _figure(row, points, centre, sigma, thresholds, annotations) if points else None
    return Chart(row.label, row.area, points, figure, describe(row, points, month))


def _figure(row: KpiRow, points: list[ChartMonth], centre: float, sigma: float,
            thresholds: list[Threshold], annotations: list[Annotation]) -> dict:
    """Every line is a trace (not a layout shape), so the legend names it and the
    page's strict content security policy cannot hide it."""
    divisor, axis = scale(row.measure.unit)
    x = [month_label(p.month) for p in points]
    y = [None if np.isnan(p.value) else p.value / divisor for p in points]  # JSON has no NaN
    fig = new_figure()
    fig.add_trace(go.Scatter(x=x, y=y, mode="lines+markers", name="Monthly value",
                           line={"color": "#1d70b8", "width": 3},
                           text=[p.shown for p in points],
                           hovertemplate="%{x}: %{text}<extra></extra>"))

    def level(value: float, name: str, **line: object) -> None:
        fig.add_trace(go.Scatter(x=[x[0], x[-1]], y=[value / divisor] * 2, mode="lines",
                                 name=name, line=line, hoverinfo="skip"))

    if not np.isnan(centre):
        level(centre, "Centre line", color="#0b0c0c", width=2)
        for k, dash in SIGMA_LINES if not np.isnan(sigma) and sigma > 0 else []:
            for sign in (1, -1):
                level(centre + sign * k * sigma, f"{sign * k:+d} sigma", color="#505a5f",
                      dash=dash, width=1)
    for rule, symbol in RULE_SYMBOLS.items():
        marked = [(xi, yi) for p, xi, yi in zip(points, x, y, strict=True)
                  if any(r.startswith(rule + "-") for r in p.rules)]
        if marked:
            fig.add_trace(go.Scatter(
                x=[m[0] for m in marked], y=[m[1] for m in marked], mode="markers",
                name=f"Rule {rule}", marker={"symbol": symbol, "size": 13, "color": "#d4351c"},
                hovertemplate=f"%{{x}}: rule {rule}<extra></extra>"))
    for threshold in thresholds:
        level(float(threshold.value), threshold.label, color="#00703c", dash="longdash", width=2)
    known = [v for v in y if v is not None] or [0]
    for note in annotations:
        if month_label(note.month) in x:
            fig.add_trace(go.Scatter(
                x=[month_label(note.month)] * 2, y=[min(known), max(known)], mode="lines",
                name=f"{note.get_kind_display()} ({month_label(note.month)})",
                line={"color": "#912b88", "dash": "dot"}, hovertext=note.text,
                hoverinfo="text"))
    fig.update_layout(margin={"l": 50, "r": 20, "t": 20, "b": 80}, height=400,
                      yaxis_title=axis or None, legend={"orientation": "v", "x": 1.02, "y": 1},
                      hovermode="closest")
    return figure_json(fig)


def describe(row: KpiRow, points: list[ChartMonth], month: date) -> str:
    """The chart in one sentence, for everyone who cannot see it."""
    figures, unit = row.figures, row.measure.unit
    known = [p for p in points if not np.isnan(p.value)]
    if not known:
        return f"{row.label}: no values to chart up to {month_label(month)}."
    text = (f"{row.label}, {month_label(known[0].month)} to {month_label(known[-1].month)}: "
            f"{month_label(month)} was {format_value(unit, figures.get('value'))}")
    centre = figures.get("centre")
    if centre is None or np.isnan(centre):
        return text + "; too few months to judge against a centre line."
    text += f", against a centre line of {format_value(unit, centre)}."
    exceptions = figures.get("exceptions")
    if exceptions:
        return f"{text} Rules that hold: {exceptions}, {row.movement_words}."
    return f"{text} No rule holds, so the month is within normal variation."
