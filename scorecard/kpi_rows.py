"""KPI table rows as users see them: one row per measure and area, its figures
formatted as seed 001 prints them. The page, the downloads, the command and
the data summary all read these rows, so they cannot disagree.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from django.utils.safestring import SafeString

from scorecard import stats
from scorecard.formats import (
    add_months,
    format_change_size,
    format_value,
    format_year_on_year,
    month_label,
)
from scorecard.sparkline import sparkline

if TYPE_CHECKING:  # rows are built from models, but this module needs none to run
    from scorecard.models import Area, Measure

MEANING = {"improvement": "an improvement", "concern": "a concern", "change": "a change"}
TABLE_COLUMNS = ["measure", "month", "three_months", "twelve_months", "year_on_year",
                 "trend", "exceptions", "weighting"]
# A row's figures by name, in words: what a report's figure tokens may name.
FIGURES = {
    "month": "the reference month's value",
    "three_months": "the 3 months to the reference month",
    "twelve_months": "the 12 months to the reference month",
    "year_on_year": "the year-on-year change, as the table prints it (“-1.2% points”)",
    "change": "the size of the year-on-year change, for sentences "
              "(“1.2 percentage points”)",
    "trend": "the rolling 12-month trend",
    "exceptions": "the statistical exceptions",
    "weighting": "the exception weighting",
}


def headers(month: date) -> dict:
    """Column headers exactly as seed 001 prints them, for reference month `month`."""
    label, year_before = month_label(month), month_label(add_months(month, -12))
    return {
        "measure": "Measure",
        "trend_line": "Trend Line (Up to 3 Years' Data)",
        "month": label,
        "three_months": f"3 Months to {label}",
        "twelve_months": f"12 Months to {label}",
        "year_on_year": f"12 Months to {year_before} vs. 12 Months to {label}",
        "trend": "Rolling 12 Month Trend",
        "exceptions": "Statistical Exceptions",
        "weighting": "Exception Weighting",
        "thresholds": "Service Level",
    }


def row_label(measure: "Measure", area: "Area") -> str:
    """ "Average Response Time: Priority - County"; the force's row is the name alone."""
    return measure.name if area.is_force else f"{measure.name} - {area.name}"


@dataclass
class KpiRow:
    measure: "Measure"
    area: "Area"
    label: str
    position: int  # seed order: the topic's measures, then each measure's areas
    figures: dict  # numbers from stats.kpi_figures
    cells: dict = field(default_factory=dict)  # the displayed text, by column
    thresholds: list = field(default_factory=list)  # (label, met: bool or None)

    @property
    def weighting(self) -> int:
        return int(self.figures.get("weighting") or 0)

    @property
    def movement(self) -> str:
        return self.figures.get("movement") or ""

    @property
    def movement_words(self) -> str:
        """ "a concern", for sentences."""
        return MEANING.get(self.movement, "")

    @property
    def url(self) -> str:
        return self.measure.get_absolute_url()


def kpi_rows(measures: Iterable["Measure"], figures: pd.DataFrame,
             month: date) -> list[KpiRow]:
    """Rows for `measures` (with `areas` and `thresholds` prefetched), in seed order."""
    rows: list[KpiRow] = []
    by_series = figures.to_dict("index")
    for measure in measures:
        for area in sorted(measure.areas.all(), key=lambda a: (a.order, a.name)):
            rows.append(kpi_row(measure, area, by_series.get((measure.pk, area.pk), {}),
                                len(rows), month))
    return rows


def kpi_row(measure: "Measure", area: "Area", numbers: dict, position: int,
            month: date) -> KpiRow:
    """One row, its figures `numbers` (stats.FIGURE_COLUMNS) formatted."""
    row = KpiRow(measure, area, row_label(measure, area), position, numbers)
    row.thresholds = _thresholds(measure, numbers.get("value"))
    row.cells = _cells(row, month)
    return row


def _thresholds(measure: "Measure", value: float | None) -> list:
    return [(t.label, stats.threshold_met(value, float(t.value), t.direction))
            for t in measure.thresholds.all()]


def figure_text(row: KpiRow, name: str) -> str:
    """One figure of the row as the table prints it (FIGURES names them); the
    page, the downloads, the data summary and report tokens all use this.
    The exceptions say what the movement means: "Eight-Month High (concern)"."""
    text = printed_figure(row.measure.unit, row.figures, name)
    return f"{text} ({row.movement})" if name == "exceptions" and text else text


def printed_figure(unit: str, numbers: dict, name: str) -> str:
    """A figure of stats.kpi_figures' `numbers` as seed 001 prints it."""
    if name in ("month", "three_months", "twelve_months"):
        return format_value(unit, numbers.get("value" if name == "month" else name))
    if name == "year_on_year":
        return format_year_on_year(unit, numbers.get("year_on_year"))
    if name == "change":
        return format_change_size(unit, numbers.get("year_on_year"))
    if name == "weighting":
        return str(int(numbers.get("weighting") or 0)) if numbers else ""
    return numbers.get(name) or ""  # trend, exceptions


def _cells(row: KpiRow, month: date) -> dict:
    return {
        "measure": row.label,
        **{name: figure_text(row, name) for name in FIGURES},
        "thresholds": "; ".join(
            f"{label}: {'met' if met else 'not met'}" for label, met in row.thresholds
            if met is not None),
    }


def trend_line(row: KpiRow, month: date) -> SafeString:
    """Column 1, drawn only where a page shows it."""
    line = row.figures.get("trend_line")
    if line is None:
        return sparkline([], [], row.measure.unit)
    months = [add_months(month, i - len(line) + 1) for i in range(len(line))]
    return sparkline(list(np.asarray(line, dtype=float)), months, row.measure.unit)


def show_thresholds(rows: Iterable[KpiRow]) -> bool:
    return any(row.thresholds for row in rows)


def export_columns(rows: Sequence[KpiRow], month: date,
                   every_column: bool = False) -> list[tuple[str, str]]:
    """(key, header) of the columns a download or the command writes: the table's
    figures (the trend line is a drawing, not a figure). Service levels only if
    a row has one, unless every_column (several topics in one file)."""
    wanted = every_column or show_thresholds(rows)
    names = TABLE_COLUMNS + (["thresholds"] if wanted else [])
    titles = headers(month)
    return [(name, titles[name]) for name in names]
