"""PEEL rules with no database: the 56-day response clock and the
sustained-improvement judgement the register and report print."""

from datetime import date

import pytest

from oversight.peel.clock import response_clock, response_due
from scorecard.sustained import sustained
from tests.scorecard.test_stats import mirrored_with_gaps, with_fixed_baseline


@pytest.mark.parametrize(("published", "due"), [
    (date(2022, 7, 1), date(2022, 8, 26)),
    (date(2022, 7, 31), date(2022, 9, 25)),  # from a month's last day
    (date(2023, 1, 5), date(2023, 3, 2)),  # February of 28 days
    (date(2024, 1, 5), date(2024, 3, 1)),  # February of 29 days
    (date(2024, 2, 29), date(2024, 4, 25)),  # published on a leap day
    (date(2023, 12, 20), date(2024, 2, 14)),  # across the year end
    (date(2100, 1, 5), date(2100, 3, 2)),  # 2100 is not a leap year
])
def test_the_response_is_due_56_days_after_publication(published, due):
    assert response_due(published) == due


@pytest.mark.parametrize(("today", "days_left", "overdue", "state"), [
    (date(2024, 1, 5), 56, False, "56 days left"),
    (date(2024, 2, 29), 1, False, "1 day left"),
    (date(2024, 3, 1), 0, False, "Due today"),
    (date(2024, 3, 2), -1, True, "Overdue by 1 day"),
    (date(2024, 3, 31), -30, True, "Overdue by 30 days"),
])
def test_the_clock_counts_down_to_the_due_date(today, days_left, overdue, state):
    clock = response_clock(date(2024, 1, 5), None, today)
    assert (clock.days_left, clock.overdue, clock.state) == (days_left, overdue, state)


def test_a_published_response_stops_the_clock():
    on_time = response_clock(date(2024, 1, 5), date(2024, 3, 1), date(2024, 6, 1))
    assert not on_time.overdue and not on_time.responded_late
    assert on_time.state == "Published 1 March 2024, by the due date"
    late = response_clock(date(2024, 1, 5), date(2024, 3, 2), date(2024, 6, 1))
    assert not late.overdue and late.responded_late
    assert late.state == "Published 2 March 2024, after the due date"


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
