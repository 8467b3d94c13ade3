"""Display values for the scorecard's pages, exports and command output."""

from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from scorecard.formats import format_duration, month_label

if TYPE_CHECKING:
    import pandas as pd

    from scorecard.importing.store import Change

PROBLEMS_SHOWN = 200


def problem_lines(problems: "pd.DataFrame", limit: int = PROBLEMS_SHOWN) -> list[str]:
    """"Row 7, value: Enter a number in value", first `limit` of them."""
    lines = [
        f"Row {row:,}, {column}: {message}"
        for row, column, message in problems.head(limit).itertuples(index=False)
    ]
    if len(problems) > limit:
        lines.append(f"…and {len(problems) - limit:,} more problems.")
    return lines


def exact_value(unit: str, field: str, number: Any) -> str:
    """A stored number as entered: durations hh:mm:ss, others without padding."""
    if number is None or number == "":
        return "blank"
    if isinstance(number, bool):
        return "yes" if number else "no"
    if isinstance(number, str):
        return number
    if unit == "duration" and field == "value":
        return format_duration(number)
    text = f"{Decimal(number):,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def change_rows(changes: Iterable["Change"]) -> list[dict]:
    """Changes an import would make, as display text (stored with the upload)."""
    return [
        {
            "row": change.row,
            "measure": change.measure,
            "area": change.area,
            "month": month_label(change.month),
            "fields": [
                [name, exact_value(change.unit, name, old), exact_value(change.unit, name, new)]
                for name, old, new in change.fields
            ],
        }
        for change in changes
    ]
