"""The one rule for spreadsheet formula injection, used by every export
(CSV and XLSX) and by the importers' and forms' checks. Pure.

A spreadsheet may run a cell as a formula when it starts with = + - or @
(after any spaces), or with a tab or carriage return. Such a cell is a
formula unless the whole cell is a plain number ("-5", "+1.5", "2e3"):
"-1+HYPERLINK(...)" and "+1+cmd|' /C calc'!A0" are formulas.
"""

import re
from typing import Any

_START = r"^(?:[\t\r]|\s*[=+\-@])"
_NUMBER = r"\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*"

# Python's re (forms' validators and the measure importer): one pattern.
FORMULA_PATTERN = rf"^(?!{_NUMBER}\Z){_START}"
FORMULA = re.compile(FORMULA_PATTERN)
# Arrow's RE2 has no look-ahead: a cell is a formula when it matches
# ARROW_START and not ARROW_NUMBER.
ARROW_START = _START
ARROW_NUMBER = rf"^{_NUMBER}$"


def is_formula(text: str) -> bool:
    return FORMULA.match(text) is not None


def safe(text: str) -> str:
    """A CSV cell: one that could run as a formula is quoted with "'", so
    spreadsheets show it as the text it is."""
    return f"'{text}" if is_formula(text) else text


def put_text(cell: Any, text: str) -> None:
    """An XLSX cell (openpyxl): text that could run as a formula is stored as
    text with Excel's own quote prefix, so Excel shows it as typed and never
    runs it, even when the cell is edited."""
    cell.value = text
    if is_formula(text):
        cell.data_type = "s"
        cell.quotePrefix = True
