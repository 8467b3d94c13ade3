"""A topic's data summary (seed 001's "SO WHAT" bullets), written from the same
computed figures as its KPI table, with the units always right: percent change
for volumes, percentage points for rates, hh:mm:ss for times.

Each figure in a sentence comes from `show(row, name)`: by default the text the
table prints; a panel report passes a writer of figure tokens instead, so its
SO WHAT text stays bound to the table.
"""

from collections.abc import Callable, Iterable
from datetime import date

from scorecard.formats import month_name
from scorecard.kpi_rows import KpiRow, figure_text

# How a figure is written: (row, figure name) -> text.
Show = Callable[[KpiRow, str], str]

# Units whose change is a difference, and the words for up and down.
COMPARED = {"percentage": ("higher", "lower"), "duration": ("longer", "shorter")}


def bullets(rows: Iterable[KpiRow], month: date, show: Show = figure_text) -> list[str]:
    """One sentence per KPI row that has figures to report."""
    return [text for text in (bullet(row, month, show) for row in rows) if text]


def bullet(row: KpiRow, month: date, show: Show = figure_text) -> str:
    change, unit = row.figures.get("year_on_year"), row.measure.unit
    if change is None or change != change:
        sentence = _month_only(row, month, show)
    elif unit in COMPARED:
        sentence = _against_last_year(row, month, change, show)
    elif round(change, 1) == 0:
        sentence = f"{row.label} shows no year-on-year change."
    else:
        direction = "increase" if change > 0 else "decrease"
        sentence = (f"{row.label} is recording a year-on-year {direction} of "
                    f"{show(row, 'change')}.")
    return " ".join(part for part in (sentence, _exception(row)) if part)


def _month_only(row: KpiRow, month: date, show: Show) -> str:
    value = row.figures.get("value")
    if value is None or value != value:
        return ""
    return f"{row.label} was {show(row, 'month')} in {month_name(month)}."


def _against_last_year(row: KpiRow, month: date, change: float, show: Show) -> str:
    """Rates and times: the month, the 12 months, and the change in their own unit."""
    unit = row.measure.unit
    opening = (f"{_month_only(row, month, show).rstrip('.') or row.label}, and "
               f"{show(row, 'twelve_months')} over 12 months")
    shown = round(change, 1) if unit == "percentage" else round(change)  # as printed
    if shown == 0:
        return f"{opening}, the same as the previous 12 months."
    word = COMPARED[unit][0 if change > 0 else 1]
    return f"{opening}, {show(row, 'change')} {word} than the previous 12 months."


def _exception(row: KpiRow) -> str:
    text = row.figures.get("exceptions")
    if not text:
        return ""
    return f"Statistical exception: {text}, {row.movement_words}."
