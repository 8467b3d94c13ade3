"""Numbers and durations as users type them, parsed a million cells at a time."""

import math

import pandas as pd
import pytest

from scorecard.formats import durations_to_seconds, numbers_in, parse_duration
from scorecard.importing.reading import looks_like_formula

NUMBERS = {
    "1": 1, "+2": 2, "-3.5": -3.5, ".5": 0.5, "1.": 1, "1e3": 1000, "2E-2": 0.02,
    "9,429": 9429, "1,234.5": 1234.5,
    # Not numbers: words, blanks, special floats, durations, non-ASCII digits.
    "lots": None, "": None, "inf": None, "nan": None, "1e": None, "--1": None,
    "00:01:02": None, "\u0663": None, "1 2": None,
}
DURATIONS = ["00:00:12", "01:33:15", "125:00:59", "1:02:03", "00:60:00", "00:00:60",
             "00:1:00", "+1:00:00", "-00:00:01", "12", "", "a:b:c", "00:00:00:00",
             "\u0661:00:00"]


def as_float(value):
    return math.nan if value is None else float(value)


def test_numbers_in_reads_plain_numbers_only():
    found = numbers_in(pd.Series(list(NUMBERS), dtype="str"))
    assert found.tolist() == pytest.approx([as_float(v) for v in NUMBERS.values()],
                                           nan_ok=True)


@pytest.mark.parametrize("dtype", ["str", object])
def test_durations_agree_with_the_one_cell_parser(dtype):
    found = durations_to_seconds(pd.Series(DURATIONS, dtype=dtype, index=range(5, 19)))
    assert list(found.index) == list(range(5, 19))
    assert found.tolist() == pytest.approx([as_float(parse_duration(t)) for t in DURATIONS],
                                           nan_ok=True)
    assert found.iloc[:3].tolist() == [12, 5595, 450059]


def test_formulas_are_found_by_the_one_pattern():
    cells = ["=1+1", "+A1", "-SUM(A1)", "@cmd", "-5", "+5", "5", "", "a=b", "-é", "-1+1"]
    assert looks_like_formula(pd.Series(cells, dtype="str")).tolist() == [
        True, True, True, True, False, False, False, False, False, True, True]


def test_months_agree_with_the_one_cell_parser():
    from scorecard.formats import months_in, parse_month

    cells = ["2023-10", "1990-01", "2023-13", "2023-00", "2023-1", "23-10", "2023-10-01",
             "Oct-2023", "", "+202-10", "2023/10", " 2023-10"]
    found = months_in(pd.Series(cells, dtype="str"))
    expected = [parse_month(cell) if cell == cell.strip() else None for cell in cells]
    assert [None if pd.isna(m) else m.date() for m in found] == expected
