"""The rules each row of monthly values meets (scorecard/importing/values.py): every
rejection names its row, column and problem; negative numbers; duplicate rows."""

import pytest

from scorecard.models import MonthlyValue
from tests.scorecard.importing.runs import run
from tests.scorecard_data import csv_file


def problems_of(*lines):
    outcome = run(csv_file(*lines))
    assert MonthlyValue.objects.count() == 0
    return [tuple(p) for p in outcome.checked.problems.itertuples(index=False)]


REJECTIONS = [
    ("NOPE,FORCE,2023-10,5,,,,", "measure", "There is no measure with the code “NOPE”"),
    ("CALLS,Atlantis,2023-10,5,,,,", "area", "There is no area with the code or name “Atlantis”"),
    ("CALLS,County,2023-10,5,,,,", "area", "Measure CALLS is not reported for County"),
    ("CALLS,FORCE,2023-13,5,,,,", "month", "Enter the month as YYYY-MM, for example 2023-10"),
    ("CALLS,FORCE,Oct 2023,5,,,,", "month", "Enter the month as YYYY-MM, for example 2023-10"),
    ("CALLS,FORCE,2026-12,5,,,,", "month", "The month cannot be in the future (after 2026-11)"),
    ("CALLS,FORCE,2023-10,lots,,,,", "value", "Enter a number in value"),
    ("CALLS,FORCE,2023-10,-3,,,,", "value", "A count cannot be negative"),
    ("CALLS,FORCE,2023-10,3.5,,,,", "value", "Enter a whole number for a count"),
    ("CALLS,FORCE,2023-10,,,,,", "value", "Enter a value"),
    ("SATISFIED,FORCE,2023-10,100.1,,,,", "value", "A percentage cannot be more than 100"),
    ("ABANDON,FORCE,2023-10,,75,74,,", "numerator",
     "The numerator cannot be more than the denominator"),
    ("ABANDON,FORCE,2023-10,,,74,,", "numerator", "Enter a numerator: this is a ratio measure"),
    ("ABANDON,FORCE,2023-10,,5,,,", "denominator",
     "Enter a denominator: this is a ratio measure"),
    ("ABANDON,FORCE,2023-10,0.7,5,700,,", "value",
     "Leave value blank for a ratio measure: the rate is worked out from the numerator and "
     "denominator"),
    ("WAIT,COUNTY,2023-10,00:00:12,,,,", "weight",
     "Enter a weight: this measure is a weighted mean"),
    ("WAIT,COUNTY,2023-10,12 seconds,,,900,", "value",
     "Enter a duration as seconds or as hh:mm:ss, for example 01:33:15"),
    ("CALLS,FORCE,2023-10,5,,,2,", "weight", "Leave weight blank: this measure has no weights"),
    ("CALLS,FORCE,2023-10,=1+1,,,,", "value",
     "This cell looks like a spreadsheet formula: enter the value itself"),
    ("CALLS,FORCE,2023-10,5,,,,+A1", "note",
     "This cell looks like a spreadsheet formula: enter the value itself"),
    ("CALLS,FORCE,2023-10,5,,,,-SUM(A1)", "note",
     "This cell looks like a spreadsheet formula: enter the value itself"),
    ("CALLS,FORCE,2023-10,5,,,,@cmd", "note",
     "This cell looks like a spreadsheet formula: enter the value itself"),
]


@pytest.mark.parametrize(("line", "column", "message"), REJECTIONS)
def test_each_rejection_rule_names_row_column_and_problem(catalogue, line, column, message):
    assert (2, column, message) in problems_of(line)


def test_negative_numbers_are_numbers_not_formulas(catalogue):
    problems = problems_of("CALLS,FORCE,2023-10,-5,,,,")
    assert problems == [(2, "value", "A count cannot be negative")]


def test_duplicate_rows_are_rejected_with_the_first_row_named(catalogue):
    problems = problems_of("CALLS,FORCE,2023-10,5,,,,", "CALLS,Wiltshire Police,2023-10,6,,,,")
    assert problems == [
        (3, "measure", "This row repeats the measure, area and month of row 2")
    ]


def test_each_repeat_names_the_first_row_of_its_own_key(catalogue):
    problems = problems_of(
        "CALLS,FORCE,2023-09,1,,,,", "CALLS,FORCE,2023-10,2,,,,", "NOPE,FORCE,2023-10,3,,,,",
        "CALLS,FORCE,2023-10,4,,,,", "CALLS,FORCE,2023-09,5,,,,", "CALLS,FORCE,2023-10,6,,,,",
        "NOPE,FORCE,2023-10,7,,,,")
    repeats = [p for p in problems if p[2].startswith("This row repeats")]
    assert repeats == [
        (5, "measure", "This row repeats the measure, area and month of row 3"),
        (6, "measure", "This row repeats the measure, area and month of row 2"),
        (7, "measure", "This row repeats the measure, area and month of row 3"),
    ], "unknown measures (rows 4 and 8) are not repeats of each other"
