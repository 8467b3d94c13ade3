"""The KPI method (kpi-method.md), worked by hand on small series."""

import math

import numpy as np
import pandas as pd
import pytest

from scorecard.demo_series import parse_figure
from scorecard.stats import (
    Method,
    exception_weighting,
    is_large_change,
    is_sustained,
    movement,
    rule_flags,
    threshold_met,
    trend_lines,
    window_value,
)
from tests.scorecard.series import (
    SIGMA,
    M,
    figures,
    mirrored,
    mirrored_with_gaps,
    with_fixed_baseline,
)

# --- Columns 2 to 5 ----------------------------------------------------------


def test_sum_windows_and_year_on_year():
    row = figures(list(range(1, 25)))  # 1 … 24, ending at M
    assert row["value"] == 24
    assert row["three_months"] == 22 + 23 + 24
    assert row["twelve_months"] == sum(range(13, 25))  # 222
    assert row["previous_twelve_months"] == sum(range(1, 13))  # 78
    assert row["year_on_year"] == pytest.approx((222 - 78) / 78 * 100)


def test_ratio_sums_numerators_and_denominators_and_survives_a_zero_denominator():
    row = figures([None, None, None], aggregation="ratio", unit="percentage",
                  numerator=[1, 0, 3], denominator=[10, 0, 30])
    assert row["three_months"] == pytest.approx(4 / 40 * 100)
    assert row["value"] == pytest.approx(10)
    middle = figures([None, None], aggregation="ratio", unit="percentage",
                     numerator=[1, 0], denominator=[10, 0])
    assert math.isnan(middle["value"])  # shown as "–", never a division error


def test_weighted_mean_mean_and_latest():
    weighted = figures([10, 20, 30], aggregation="weighted_mean", unit="duration",
                       weight=[1, 1, 2])
    assert weighted["three_months"] == pytest.approx((10 + 20 + 60) / 4)
    assert figures([10, 20, 30], aggregation="mean", unit="number")["three_months"] == 20
    stock = figures([400, 410, 415], aggregation="latest")
    assert stock["three_months"] == 415


def test_a_window_with_a_missing_month_is_blank_but_a_stock_needs_only_its_last():
    assert math.isnan(figures([1, None, 3])["three_months"])
    assert figures([1, None, 3], aggregation="latest")["three_months"] == 3
    assert math.isnan(figures([1, 2])["twelve_months"])


def test_year_on_year_by_unit():
    rate = figures([2.9] * 12 + [1.7] * 12, aggregation="mean", unit="percentage")
    assert rate["year_on_year"] == pytest.approx(-1.2)  # points
    time = figures([600] * 12 + [660] * 12, aggregation="mean", unit="duration")
    assert time["year_on_year"] == pytest.approx(60)  # seconds
    assert math.isnan(figures([0] * 12 + [5] * 12)["year_on_year"])  # from nothing
    assert math.isnan(figures([5] * 12)["year_on_year"])  # no earlier window


def test_window_value_agrees_with_the_tables():
    frame = pd.DataFrame({"value": [10.0, 20, 30], "weight": [1.0, 1, 2],
                          "numerator": [1.0, 0, 3], "denominator": [10.0, 0, 30]})
    assert window_value(frame, "weighted_mean") == pytest.approx(22.5)
    assert window_value(frame, "ratio") == pytest.approx(10)
    assert window_value(frame.iloc[:0], "sum") is None


# --- Column 6: the rolling trend -------------------------------------------


def straight_line(mean, change):
    """12 months on a straight line with this mean and rise across them."""
    return [mean + change / 11 * (k - 5.5) for k in range(12)]


def test_trend_at_exactly_the_threshold_and_either_side():
    assert figures(straight_line(1100, 33))["trend"] == "Increasing"  # 3% of 1,100
    assert figures(straight_line(1100, 32.9))["trend"] == ""
    assert figures(straight_line(1100, -33))["trend"] == "Decreasing"
    assert figures(straight_line(1100, -32.9))["trend"] == ""
    assert figures(straight_line(1100, 33))["trend_change"] == pytest.approx(33)


def test_trend_threshold_is_a_setting_and_needs_twelve_months():
    line = straight_line(1000, 25)  # 2.5%
    assert figures(line, method=Method(trend_threshold=2.5))["trend"] == "Increasing"
    assert figures(line)["trend"] == ""
    assert figures(line[1:])["trend"] == ""


def test_trend_line_is_the_last_36_months():
    rows = pd.DataFrame({"series": 0, "month": range(M - 39, M + 1),
                         "value": range(40), "numerator": np.nan, "denominator": np.nan,
                         "weight": np.nan})
    series = pd.DataFrame({"aggregation": ["sum"]})
    line = trend_lines(rows, series, [M])[M].iloc[0]
    assert list(line.index) == list(range(M - 35, M + 1))
    assert list(line) == list(range(4, 40))


# --- Column 7: the rules, on both sides -------------------------------------


@pytest.mark.parametrize(("recent", "rules", "side"), [
    ([10, 10, 16], "One", "High"),  # beyond 3 sigma (15.32)
    ([14, 10, 14], "Two", "High"),  # 2 of 3 beyond 2 sigma (13.55)
    ([12, 12, 10, 12, 12], "Three", "High"),  # 4 of 5 beyond 1 sigma (11.77)
    ([10.5] * 8, "Eight", "High"),  # 8 on one side
    ([14, 14, 14, 16], "One, Two, Three", "High"),
    ([12] * 7 + [16], "One, Three, Eight", "High"),
])
def test_each_rule_on_each_side(recent, rules, side):
    high = with_fixed_baseline(recent)
    assert high["exceptions"] == f"{rules}-Month {side}"
    low = with_fixed_baseline(mirrored(recent))
    assert low["exceptions"] == f"{rules}-Month Low"
    assert high["centre"] == 10 and high["sigma"] == pytest.approx(SIGMA)


@pytest.mark.parametrize("recent", [
    [16, 10, 10],  # beyond 3 sigma, but not month M
    [14, 14, 10],  # two beyond 2 sigma, M not among them
    [12, 12, 12, 12, 11],  # four beyond 1 sigma, M not among them
    [14, 10, 10, 13],  # only one of the last three beyond 2 sigma
    [12, 10, 10, 12, 12],  # three of five beyond 1 sigma
    [10] + [10.5] * 7,  # seven on one side
    [10.5] * 3 + [10] + [10.5] * 4,  # a value on the centre line breaks the run
    [10.5] * 7 + [10],  # month M on the centre line
])
def test_near_misses_hold_no_rule(recent):
    assert with_fixed_baseline(recent)["exceptions"] == ""
    assert with_fixed_baseline(mirrored(recent))["exceptions"] == ""


def test_a_month_with_no_data_breaks_a_run_and_blanks_the_month():
    assert with_fixed_baseline([10.5] * 3 + [None] + [10.5] * 4)["exceptions"] == ""
    assert with_fixed_baseline([16, None])["exceptions"] == ""


def test_a_rolling_baseline_needs_twelve_months():
    assert figures([10] * 10 + [20])["exceptions"] == ""
    assert math.isnan(figures([10] * 10 + [20])["centre"])
    eleven = figures([9, 11] * 5 + [11])  # 11 months
    assert math.isnan(eleven["centre"])
    twelve = figures([9, 11] * 6)
    assert twelve["centre"] == 10 and twelve["baseline_points"] == 12
    assert Method().minimum_baseline == 12
    assert figures([9, 11] * 5 + [11], method=Method(minimum_baseline=11))["centre"] > 10


def test_a_rolling_baseline_is_the_last_36_months_and_skips_gaps():
    assert figures([100] * 4 + [9, 11] * 18)["centre"] == 10  # the 100s are older
    # 9, 11, 9, gap, 11, 9, … : the gap's two pairs are not moving ranges.
    values = [9, 11, 9, None, 11, 9, 11, 9, 11, 9, 11, 9, 11]
    row = figures(values)
    assert row["baseline_points"] == 12
    assert row["centre"] == pytest.approx(sum(v for v in values if v) / 12)
    assert row["sigma"] == pytest.approx(2 / 1.128)  # 10 ranges of 2, none across the gap


def test_zero_sigma_judges_only_the_run_of_eight():
    flat = figures([10] * 12 + [12] * 8, baseline=(M - 19, M - 8))
    assert flat["sigma"] == 0
    assert flat["exceptions"] == "Eight-Month High"


def test_a_zero_denominator_month_is_not_a_baseline_point():
    numerators = [1, 2] * 6 + [0]
    row = figures([None] * 13, aggregation="ratio", unit="percentage",
                  numerator=numerators, denominator=[100] * 12 + [0])
    assert row["baseline_points"] == 12 and row["centre"] == pytest.approx(1.5)
    assert row["exceptions"] == ""


def test_rule_flags_with_fixed_limits_mark_each_month():
    x = np.array([[10, 16, 10, 14, 10, 14]], dtype=float)
    flags = rule_flags(x, np.full((1, 1), 10.0), np.full((1, 1), SIGMA))
    assert flags[("One", "High")].tolist() == [[False, True, False, False, False, False]]
    assert flags[("Two", "High")].tolist() == [[False, False, False, True, False, True]]


@pytest.mark.parametrize(("side", "polarity", "meaning"), [
    ("High", "up_is_good", "improvement"), ("Low", "up_is_good", "concern"),
    ("High", "down_is_good", "concern"), ("Low", "down_is_good", "improvement"),
    ("High", "neutral", "change"), ("", "up_is_good", ""),
])
def test_an_exception_says_what_it_means(side, polarity, meaning):
    assert movement(side, polarity) == meaning


def test_the_figures_frame_carries_the_meaning():
    assert with_fixed_baseline([16], polarity="down_is_good")["movement"] == "concern"


# --- Column 8: the weighting ------------------------------------------------

# Every row of seed 001's KPI tables: unit, trend, year-on-year, 12 months,
# statistical exceptions, printed weighting.
SEED_ROWS = [
    ("count", "Increasing", "17.7%", "107,875", "Three, Eight-Month High", 20),
    ("percentage", "Decreasing", "-1.2% points", "1.7%", "One, Two, Three-Month Low", 19),
    ("duration", "Increasing", "00:00:01", "00:00:13", "", 10),
    ("count", "Increasing", "12.8%", "122,636", "", 10),
    ("percentage", "Increasing", "11.6% points", "21.9%", "One, Two, Three, Eight-Month High",
     25),
    ("duration", "Increasing", "00:08:42", "00:11:35", "Two, Three, Eight-Month High", 23),
    ("count", "Decreasing", "-32.0%", "83,133", "Three, Eight-Month Low", 20),
    ("count", "Decreasing", "-21.6%", "106,894", "Eight-Month Low", 16),
    ("duration", "Increasing", "00:24:31", "01:42:29", "Eight-Month High", 16),
    ("duration", "Increasing", "00:56:21", "02:18:03", "Eight-Month High", 16),
    ("duration", "Increasing", "00:25:13", "02:02:08", "Eight-Month High", 16),
    ("duration", "Increasing", "00:07:43", "00:45:28", "Eight-Month High", 16),
    ("percentage", "Decreasing", "-8.0% points", "55.4%", "Two, Three, Eight-Month Low", 23),
    ("count", "Decreasing", "-13.0%", "28,982", "Two, Three-Month Low", 17),
    ("percentage", "Decreasing", "-3.5% points", "79.3%", "One, Two, Three-Month Low", 19),
    ("duration", "Increasing", "00:00:43", "00:10:40", "Two, Three-Month High", 17),
    ("duration", "Increasing", "00:16:27", "01:34:09", "Eight-Month High", 16),
    ("duration", "Increasing", "00:01:01", "00:12:55", "Three-Month High", 14),
    ("percentage", "Increasing", "9.9% points", "41.2%", "Three, Eight-Month High", 20),
    ("count", "Increasing", "-3.7%", "7,244", "", 4),
    ("count", "Increasing", "69.7%", "302", "One, Two, Three, Eight-Month High", 25),
    ("count", "Increasing", "21.1%", "2,488", "", 10),
    ("count", "Decreasing", "-8.0%", "8,114", "One-Month Low", 12),
    ("percentage", "Increasing", "2.6% points", "12.4%", "", 10),
    ("count", "Increasing", "21.9%", "896", "", 10),
    ("count", "", "10.7%", "415", "One-Month High", 8),  # Outstanding Suspects: no trend
    ("count", "Increasing", "-8.2%", "5,941", "", 4),
    ("count", "", "-11.4%", "3,571", "", 6),  # VWI County: no trend, a large fall
    ("count", "Increasing", "-3.4%", "2,357", "", 4),
    ("percentage", "Increasing", "3.1% points", "15.8%", "", 10),
    ("count", "Decreasing", "-15.5%", "601", "Two-Month Low", 13),
    ("count", "Increasing", "22.1%", "470", "", 10),
]


def test_the_weighting_reproduces_every_printed_weighting():
    method = Method()
    unit = [row[0] for row in SEED_ROWS]
    trend = np.array([row[1] for row in SEED_ROWS])
    change = np.array([parse_figure(u if u != "count" else "count", row[2])
                       for u, row in zip(unit, SEED_ROWS, strict=True)])
    current = np.array([parse_figure(row[0], row[3]) for row in SEED_ROWS])
    large = is_large_change(unit, change, current - change, method)
    rules = {rule: np.array([rule in row[4].split("-Month")[0].split(", ")
                             for row in SEED_ROWS]) for rule in ("One", "Two", "Three", "Eight")}
    got = exception_weighting(trend, change, large, rules, method)
    assert got.tolist() == [row[5] for row in SEED_ROWS]


def test_weighting_parts_are_settings():
    method = Method(weight_eight=1, same_direction_score=0)
    got = exception_weighting(np.array(["Increasing"]), np.array([5.0]), np.array([False]),
                              {"Eight": np.array([True])}, method)
    assert got.tolist() == [1]


def test_a_small_change_without_a_trend_scores_nothing():
    got = exception_weighting(np.array(["", ""]), np.array([9.9, np.nan]),
                              is_large_change(["count", "count"], [9.9, np.nan], [1, 1],
                                              Method()), {}, Method())
    assert got.tolist() == [0, 0]


def test_duration_changes_are_large_at_ten_percent_of_the_earlier_window():
    assert is_large_change(["duration"], [60], [600], Method()).tolist() == [True]
    assert is_large_change(["duration"], [-59], [600], Method()).tolist() == [False]


def test_weighting_in_the_figures():
    row = with_fixed_baseline([10.5] * 8)  # Eight, no trend over a flat year, no previous year
    assert row["weighting"] == 6


# --- Thresholds --------------------------------------------------------------


def test_threshold_met_by_direction():
    assert threshold_met(814, 900, "at_most") is True
    assert threshold_met(901, 900, "at_most") is False
    assert threshold_met(30, 30, "at_least") is True
    assert threshold_met(float("nan"), 30, "at_least") is None


# --- Sustained improvement (the PEEL register) --------------------------------


@pytest.mark.parametrize(("recent", "run"), [
    ([10] + [12] * 6, 6),  # six months above the line; the 10 is on it
    ([10] + [12] * 5, 5),
    ([10] + [12] * 3 + [9] + [12] * 3, 3),  # broken by one month below
    ([10] + [12] * 3 + [10] + [12] * 3, 3),  # broken by one month on the line
    ([10] + [12] * 3 + [None] + [12] * 3, 3),  # broken by a month without data
    ([10] + [12] * 6 + [8], 0),  # the latest month is on the concern side
])
def test_improvement_run_for_each_polarity(recent, run):
    up = with_fixed_baseline(recent, polarity="up_is_good")
    down = with_fixed_baseline(mirrored_with_gaps(recent), polarity="down_is_good")
    assert up["improvement_run"] == run and down["improvement_run"] == run
    assert is_sustained(up["improvement_run"]) is (run >= 6)
    # The same months read with the opposite polarity are no improvement.
    assert with_fixed_baseline(recent, polarity="down_is_good")["improvement_run"] == (
        0 if recent[-1] != 8 else 1)


def test_a_neutral_measure_or_one_without_a_baseline_is_not_judged():
    neutral = with_fixed_baseline([10] + [12] * 6)
    assert math.isnan(neutral["improvement_run"]) and not is_sustained(neutral["improvement_run"])
    short = figures([12] * 6, polarity="up_is_good")  # too few months for a centre line
    assert math.isnan(short["improvement_run"])
