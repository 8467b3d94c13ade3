"""A topic's data summary (seed 001's "SO WHAT" bullets), written from the same
computed figures as its KPI table, with the units always right: percent change
for volumes, percentage points for rates, hh:mm:ss for times."""

from datetime import date

from scorecard.formats import format_duration, format_value, month_name


def bullets(rows, month: date) -> list[str]:
    """One sentence per KPI row that has figures to report."""
    return [text for text in (bullet(row, month) for row in rows) if text]


def bullet(row, month: date) -> str:
    figures, unit = row.figures, row.measure.unit
    change = figures.get("year_on_year")
    if change is None or change != change:
        sentence = _month_only(row, month)
    elif unit == "percentage":
        sentence = _against_last_year(row, month, f"{abs(change):.1f} percentage points",
                                      "higher" if change > 0 else "lower", change)
    elif unit == "duration":
        sentence = _against_last_year(row, month, format_duration(abs(change)),
                                      "longer" if change > 0 else "shorter", change)
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


def _against_last_year(row, month, size, word, change) -> str:
    unit, figures = row.measure.unit, row.figures
    twelve = format_value(unit, figures.get("twelve_months"))
    opening = _month_only(row, month).rstrip(".") or row.label
    if size in ("0.0 percentage points", "00:00:00"):  # no change, as printed
        return f"{opening}, and {twelve} over 12 months, the same as the previous 12 months."
    return f"{opening}, and {twelve} over 12 months, {size} {word} than the previous 12 months."


def _exception(row) -> str:
    text = row.figures.get("exceptions")
    if not text:
        return ""
    return f"Statistical exception: {text}, {row.movement_words}."
