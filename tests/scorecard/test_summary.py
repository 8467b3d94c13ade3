"""The data summary's sentences: the units always right, the figures the table's."""

from datetime import date
from types import SimpleNamespace

import pytest

from scorecard.kpi_rows import KpiRow
from scorecard.summary import bullet

OCT = date(2023, 10, 1)


def row(unit, **figures):
    measure = SimpleNamespace(unit=unit)
    return KpiRow(measure, None, "Measure", 0, figures)


@pytest.mark.parametrize(("unit", "figures", "sentence"), [
    ("count", {"year_on_year": 17.74}, "Measure is recording a year-on-year increase of 17.7%."),
    ("count", {"year_on_year": -32.0}, "Measure is recording a year-on-year decrease of 32.0%."),
    ("count", {"year_on_year": 0.04}, "Measure shows no year-on-year change."),
    ("percentage", {"value": 0.7, "twelve_months": 1.7, "year_on_year": -1.2},
     "Measure was 0.7% in October 2023, and 1.7% over 12 months, 1.2 percentage points "
     "lower than the previous 12 months."),
    ("percentage", {"value": 27.7, "twelve_months": 21.9, "year_on_year": 11.6},
     "Measure was 27.7% in October 2023, and 21.9% over 12 months, 11.6 percentage points "
     "higher than the previous 12 months."),
    ("duration", {"value": 5595, "twelve_months": 6149, "year_on_year": 1471},
     "Measure was 01:33:15 in October 2023, and 01:42:29 over 12 months, 00:24:31 longer "
     "than the previous 12 months."),
    ("duration", {"value": 12, "twelve_months": 13, "year_on_year": -65},
     "Measure was 00:00:12 in October 2023, and 00:00:13 over 12 months, 00:01:05 shorter "
     "than the previous 12 months."),
    ("count", {"value": 415.0}, "Measure was 415 in October 2023."),
    ("count", {}, ""),
])
def test_sentences_by_unit(unit, figures, sentence):
    assert bullet(row(unit, **figures), OCT) == sentence


def test_an_exception_is_named_with_its_meaning():
    text = bullet(row("count", year_on_year=17.7, exceptions="Three, Eight-Month High",
                      movement="change"), OCT)
    assert text.endswith("Statistical exception: Three, Eight-Month High, a change.")
