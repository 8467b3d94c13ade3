"""Sustained improvement (scorecard/sustained.py): six months on the improvement side
of the centre line, broken by one month on the other side, never for a neutral
measure or a short series."""


import pytest

from scorecard.sustained import sustained
from tests.scorecard.series import mirrored_with_gaps, with_fixed_baseline

# Hand-made series: 12 baseline months (centre 10), then the months to M.
SIX_ABOVE = [10] + [12] * 6
BROKEN = [10] + [12] * 3 + [9] + [12] * 3  # six of seven above, broken by one month


@pytest.mark.parametrize("polarity", ["up_is_good", "down_is_good"])
def test_six_months_on_the_improvement_side_are_sustained(polarity):
    recent = SIX_ABOVE if polarity == "up_is_good" else mirrored_with_gaps(SIX_ABOVE)
    judged = sustained(with_fixed_baseline(recent, polarity=polarity), polarity)
    assert (judged.met, judged.months, judged.verdict) == (True, 6, "Sustained")
    assert judged.words == "6 months in a row on the improvement side of the centre line."


@pytest.mark.parametrize("polarity", ["up_is_good", "down_is_good"])
def test_one_month_on_the_other_side_breaks_the_run(polarity):
    recent = BROKEN if polarity == "up_is_good" else mirrored_with_gaps(BROKEN)
    judged = sustained(with_fixed_baseline(recent, polarity=polarity), polarity)
    assert (judged.met, judged.months, judged.verdict) == (False, 3, "Not yet sustained")
    assert judged.words == ("3 months in a row on the improvement side of the centre line; "
                            "6 are needed.")


def test_months_on_the_concern_side_are_no_improvement():
    judged = sustained(with_fixed_baseline(SIX_ABOVE, polarity="down_is_good"), "down_is_good")
    assert (judged.met, judged.months) == (False, 0)
    assert judged.words == "The latest month is not on the improvement side of the centre line."


def test_neutral_measures_and_short_series_are_not_judged():
    neutral = sustained(with_fixed_baseline(SIX_ABOVE), "neutral")
    assert (neutral.judged, neutral.verdict) == (False, "Not judged")
    assert "neutral" in neutral.words
    short = sustained({"improvement_run": float("nan")}, "up_is_good")
    assert short.words == "There are too few months for a centre line."
