"""Months and durations as users write them: "2023-10", "Oct-2023", "01:33:15"."""

import calendar
import re
from datetime import date, datetime
from decimal import Decimal

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

MONTH_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")
# There is no year 0 (Python and PostgreSQL refuse "0000-01").
FIRST_YEAR = 1
DURATION_PATTERN = r"^(?P<h>\d+):(?P<m>[0-5]\d):(?P<s>[0-5]\d)$"
# A plain number, as typed: optional sign, digits with an optional point, exponent.
NUMBER_PATTERN = r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$"


def parse_month(text: str) -> date | None:
    """The first day of a "YYYY-MM" month, or None if it is not one."""
    match = MONTH_PATTERN.match(text.strip())
    if not match or not 1 <= int(match[2]) <= 12 or int(match[1]) < FIRST_YEAR:
        return None
    return date(int(match[1]), int(match[2]), 1)


def month_of(text: str) -> date:
    """parse_month for text that must be a month (our own fixtures)."""
    month = parse_month(text)
    if month is None:
        raise ValueError(f"{text!r} is not a month as YYYY-MM")
    return month


def month_key(month: date) -> str:
    return f"{month:%Y-%m}"


def month_label(month: date) -> str:
    """The seed's month label, e.g. "Oct-2023"."""
    return f"{month:%b-%Y}"


def current_month() -> date:
    """The first day of this month, in the portal's time zone: later months are future."""
    from django.utils import timezone

    return timezone.localdate().replace(day=1)


def month_end(month: date) -> date:
    """The last day of the month."""
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def add_months(month: date, count: int) -> date:
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def parse_duration(text: str) -> int | None:
    """Seconds from "hh:mm:ss" (hours may exceed 24), or None."""
    match = re.match(DURATION_PATTERN, text.strip(), re.ASCII)  # as Arrow's \d
    if not match:
        return None
    hours, minutes, seconds = (int(part) for part in match.groups())
    return hours * 3600 + minutes * 60 + seconds


def format_duration(seconds: float) -> str:
    """"hh:mm:ss" from seconds, rounded to the second; negative with a leading "-"."""
    total = round(float(seconds))
    sign = "-" if total < 0 else ""
    hours, rest = divmod(abs(total), 3600)
    return f"{sign}{hours:02d}:{rest // 60:02d}:{rest % 60:02d}"


def arrow_text(texts: pd.Series) -> pa.Array:
    """The cells as Arrow large strings: no copy of pandas' "str" columns,
    which are Arrow large strings already."""
    return pa.array(texts.array, type=pa.large_string(), from_pandas=True)


def _as_series(numbers: pa.Array, texts: pd.Series) -> pd.Series:
    return pd.Series(numbers.to_numpy(zero_copy_only=False), index=texts.index, dtype=float)


def months_in(text: pd.Series) -> pd.Series:
    """Vectorised parse_month: each "YYYY-MM" cell as a date-time, NaT
    otherwise (in Arrow, as numbers_in)."""
    cells = arrow_text(text)
    parsed = pc.strptime(cells, format="%Y-%m", unit="s", error_is_null=True)
    first = pa.scalar(datetime(FIRST_YEAR, 1, 1), parsed.type)
    good = pc.and_kleene(pc.is_valid(parsed), pc.fill_null(pc.and_(
        pc.equal(pc.utf8_length(cells), 7), pc.greater_equal(parsed, first)), False))
    months = pc.if_else(good, parsed, pa.scalar(None, parsed.type))
    return pd.Series(months.to_numpy(zero_copy_only=False), index=text.index)


def numbers_in(texts: pd.Series) -> pd.Series:
    """Each cell as a float where it is a plain number ("1,234.5", "-2",
    "1e3"), NaN otherwise. Parsed in Arrow, in C++: pandas' to_numeric first
    turns every cell into a Python string (a million cells: 1.6 s, not 0.2)."""
    cells = pc.replace_substring(arrow_text(texts), ",", "")
    plain = pc.match_substring_regex(cells, NUMBER_PATTERN)
    return _as_series(pc.cast(pc.if_else(plain, cells, pa.scalar(None, cells.type)),
                              pa.float64()), texts)


def durations_to_seconds(texts: pd.Series) -> pd.Series:
    """Vectorised parse_duration: seconds for "hh:mm:ss" cells, NaN otherwise
    (in Arrow, as numbers_in)."""
    parts = pc.extract_regex(arrow_text(texts), DURATION_PATTERN)
    hours, minutes, seconds = (
        pc.cast(pc.struct_field(parts, name), pa.float64()) for name in ("h", "m", "s")
    )
    total = pc.add(pc.add(pc.multiply(hours, 3600), pc.multiply(minutes, 60)), seconds)
    return _as_series(total, texts)


def format_value(unit: str, number: float | Decimal | None) -> str:
    """A figure as the KPI tables show it (kpi-method.md, Display); "–" if none."""
    if number is None or number == "" or number != number:  # none, blank or NaN
        return "–"
    number = float(number)
    if unit == "percentage":
        return f"{number:.1f}%"
    if unit == "duration":
        return format_duration(number)
    if unit == "currency":
        return f"£{number:,.0f}"
    if number.is_integer():
        return f"{number:,.0f}"
    return f"{number:,.2f}".rstrip("0").rstrip(".")


def format_change(unit: str, current: float | None, previous: float | None) -> str:
    """Year-on-year change from the two 12-month figures (kpi-method.md, column 5)."""
    if current is None or previous is None:
        return ""
    if unit in ("percentage", "duration"):
        return format_year_on_year(unit, current - previous)
    return format_year_on_year(unit, (current - previous) / previous * 100 if previous else None)


def format_year_on_year(unit: str, change: float | None) -> str:
    """A computed year-on-year change as the KPI tables print it: "17.7%",
    "-1.2% points", "00:24:31"; blank when there is none."""
    if change is None or change != change:
        return ""
    if unit == "percentage":
        return f"{change:.1f}% points"
    if unit == "duration":
        return format_duration(change)
    return f"{change:.1f}%"


def format_change_size(unit: str, change: float | None) -> str:
    """The size of a year-on-year change, for sentences: "17.7%", "1.2 percentage
    points", "00:00:01"; blank when there is none."""
    if change is None or change != change:
        return ""
    if unit == "percentage":
        return f"{abs(change):.1f} percentage points"
    if unit == "duration":
        return format_duration(abs(change))
    return f"{abs(change):.1f}%"


def month_name(month: date) -> str:
    """ "October 2023", for sentences."""
    return f"{month:%B %Y}"
