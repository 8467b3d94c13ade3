"""A topic's data summary (seed 001's "SO WHAT" bullets), written from the same
computed figures as its KPI table, with the units always right: percent change
for volumes, percentage points for rates, hh:mm:ss for times."""

from datetime import date

from scorecard.formats import format_duration, format_value, month_name

# Units whose change is a difference, and the words for up and down.
COMPARED = {"percentage": ("higher", "lower"), "duration": ("longer", "shorter")}


def bullets(rows, month: date) -> list[str]:
    """One sentence per KPI row that has figures to report."""
    return [text for text in (bullet(row, month) for row in rows) if text]


def bullet(row, month: date) -> str:
    figures, unit = row.figures, row.measure.unit
    change = figures.get("year_on_year")
    if change is None or change != change:
        sentence = _month_only(row, month)
    elif unit in COMPARED:
        sentence = _against_last_year(row, month, change)
    elif round(change, 1) == 0:
        sentence = f"{row.label} shows no year-on-year change."
    else:
        direction = "increase" if change > 0 else "decrease"
        sentence = f"{row.label} is recording a year-on-year {direction} of {abs(change):.1f}%."
    return " ".join(part for part in (sentence, _exception(row)) if part)


def _month_only(row, month) -> str:
    value = row.figures.get("value")
    if value is None or value != value:
        return ""
    return f"{row.label} was {format_value(row.measure.unit, value)} in {month_name(month)}."


def _against_last_year(row, month, change) -> str:
    """Rates and times: the month, the 12 months, and the change in their own unit."""
    unit = row.measure.unit
    twelve = format_value(unit, row.figures.get("twelve_months"))
    opening = f"{_month_only(row, month).rstrip('.') or row.label}, and {twelve} over 12 months"
    shown = round(change, 1) if unit == "percentage" else round(change)  # as printed
    if shown == 0:
        return f"{opening}, the same as the previous 12 months."
    size = (f"{abs(change):.1f} percentage points" if unit == "percentage"
            else format_duration(abs(change)))
    word = COMPARED[unit][0 if change > 0 else 1]
    return f"{opening}, {size} {word} than the previous 12 months."


def _exception(row) -> str:
    text = row.figures.get("exceptions")
    if not text:
        return ""
    return f"Statistical exception: {text}, {row.movement_words}."
