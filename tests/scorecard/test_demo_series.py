"""The demo series generator (scorecard/demo_series.py), pure: a found series
prints the seed's figures, a later day only adds months, and figures no
series can print are refused by name."""

import csv
from datetime import date
from types import SimpleNamespace

import pandas as pd
import pytest

from scorecard import demo, demo_series
from scorecard.demo import FIGURES

MEASURES = {row["code"]: SimpleNamespace(unit=row["unit"], aggregation=row["aggregation"],
                                         polarity=row["polarity"])
            for row in csv.DictReader(demo.MEASURES.open(encoding="utf-8"))}


def spec(code: str, area: str = "FORCE", **printed: str) -> demo_series.SeriesSpec:
    row = next(r for r in csv.DictReader(FIGURES.open(encoding="utf-8"))
               if r["code"] == code and r["area"] == area)
    return demo._spec({**row, **printed}, MEASURES[code])


def test_a_later_day_adds_months_and_changes_none_before_it():
    found = spec("CCC-999-ANS")
    now = demo_series.generate(found, date(2026, 11, 1))
    later = demo_series.generate(found, date(2027, 5, 1))
    assert len(later) == len(now) + 6
    pd.testing.assert_frame_equal(later.head(len(now)), now)
    assert now["month"].iloc[0] == date(2019, 1, 1) and now["month"].iloc[-1] == date(2026, 11, 1)


def test_whole_calls_and_seconds():
    calls = demo_series.generate(spec("CCC-999-ANS"), date(2026, 11, 1))
    assert (calls["value"] % 1 == 0).all()
    answered = demo_series.generate(spec("CCC-999-ATA"), date(2026, 11, 1))
    assert ((answered["value"] * 10).round(6) % 1 == 0).all()  # tenths of a second
    abandoned = demo_series.generate(spec("CCC-999-ABN"), date(2026, 11, 1))
    assert (abandoned["numerator"] <= abandoned["denominator"]).all()


def test_figures_no_series_can_print_are_refused_by_name(monkeypatch):
    monkeypatch.setattr(demo_series, "BATCHES", 2)
    # A 3-sigma low in the month yet a rising trend and no other rule: the
    # weighting printed cannot come from those.
    impossible = spec("CCC-999-ANS", exceptions="One-Month Low", weighting="99")
    with pytest.raises(ValueError, match="CCC-999-ANS FORCE: no candidate prints"):
        demo_series.generate(impossible, date(2026, 11, 1))
