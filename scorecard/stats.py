"""The KPI method (kpi-method.md), pure: no ORM, no web code.

Every figure of a KPI table is computed here and nowhere else, for every
measure × area series and every reference month at once: series are the
rows and months the columns of numpy matrices, so a window's figure is a
difference of cumulative sums and a rule is a comparison of shifted columns.

Months are numbers (year × 12 + month − 1) so that a window is a range.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

# S × T matrices of series by months, and arrays of one figure per row.
Matrix = npt.NDArray[Any]

RULES = ("One", "Two", "Three", "Eight")
BASELINE_MONTHS = 36  # M−35..M, also the trend line's span
D2 = 1.128  # the XmR chart's constant: sigma = mean moving range / d2
INCREASING, DECREASING = "Increasing", "Decreasing"
HIGH, LOW = "High", "Low"
IMPROVEMENT, CONCERN, CHANGE = "improvement", "concern", "change"


@dataclass(frozen=True)
class Method:
    """The method's settings (stored in MethodSettings; these are the defaults)."""

    trend_threshold: float = 3.0  # % of the 12 months' mean the fitted line must rise
    weight_one: int = 2
    weight_two: int = 3
    weight_three: int = 4
    weight_eight: int = 6
    same_direction_score: int = 10  # trend and year-on-year agree
    opposite_direction_score: int = 4  # they point opposite ways
    large_change_score: int = 6  # no trend, but a large year-on-year change
    large_change: float = 10.0  # % (or % points) that counts as large
    minimum_baseline: int = 12  # months a baseline needs

    @classmethod
    def names(cls) -> list[str]:
        return [f.name for f in fields(cls)]

    def rule_weight(self, rule: str) -> int:
        return int(getattr(self, f"weight_{rule.lower()}"))


def month_number(month: date) -> int:
    return int(month.year * 12 + month.month - 1)


# --- Matrices ---------------------------------------------------------------


@dataclass
class _Series:
    """The series' monthly data as S × T matrices (NaN where there is none)."""

    first: int  # month number of column 0
    value: Matrix  # the monthly value (a ratio's rate; NaN for a zero denominator)
    numerator: Matrix
    denominator: Matrix
    weight: Matrix
    present: Matrix  # the month has what its aggregation needs


def _matrices(values: pd.DataFrame, series: pd.DataFrame, first: int, last: int) -> _Series:
    shape = (len(series), last - first + 1)
    rows = series.index.get_indexer(values["series"])
    columns = values["month"].to_numpy(dtype=int) - first
    keep = (rows >= 0) & (columns >= 0) & (columns < shape[1])
    rows, columns = rows[keep], columns[keep]

    def matrix(name: str) -> Matrix:
        out = np.full(shape, np.nan)
        out[rows, columns] = values[name].to_numpy(dtype=float)[keep]
        return out

    value, numerator, denominator, weight = (
        matrix(n) for n in ("value", "numerator", "denominator", "weight"))
    aggregation = series["aggregation"].to_numpy()[:, None]
    ratio = aggregation == "ratio"
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = np.where(denominator > 0, numerator / denominator * 100, np.nan)
    value = np.where(ratio, rate, value)
    present = np.where(
        ratio, ~np.isnan(numerator) & ~np.isnan(denominator),
        np.where(aggregation == "weighted_mean", ~np.isnan(value) & ~np.isnan(weight),
                 ~np.isnan(value)))
    return _Series(first, value, numerator, denominator, weight, present)


def _rolling(matrix: Matrix, length: int) -> Matrix:
    """Sum over each column and the length − 1 before it (NaN counts as 0)."""
    total: Matrix = np.cumsum(np.nan_to_num(matrix.astype(float)), axis=1)
    shifted = np.zeros_like(total)
    shifted[:, length:] = total[:, :-length] if length < total.shape[1] else 0
    difference: Matrix = total - shifted
    return difference


def _shift(matrix: Matrix, months: int, fill: float | bool = np.nan) -> Matrix:
    """Column t holds column t − months (fill before the start)."""
    if months == 0:
        return matrix
    out = np.full_like(matrix, fill, dtype=matrix.dtype if fill is not np.nan else float)
    out[:, months:] = matrix[:, :-months]
    return out


def _divide(top: npt.ArrayLike, bottom: npt.ArrayLike) -> Matrix:
    top, bottom = np.asarray(top, float), np.asarray(bottom, float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(bottom != 0, top / np.where(bottom != 0, bottom, 1), np.nan)


# --- Columns 3 to 5: windows and year-on-year -------------------------------


def _window(data: _Series, aggregation: Matrix, length: int) -> Matrix:
    """Each month's figure for the window of `length` months ending there.

    Blank unless every month of the window has data; a stock (`latest`) needs
    only the window's last month.
    """
    complete = _rolling(data.present, length) == length
    sums = {
        "sum": _rolling(data.value, length),
        "ratio": _divide(_rolling(data.numerator, length),
                         _rolling(data.denominator, length)) * 100,
        "weighted_mean": _divide(_rolling(data.value * data.weight, length),
                                 _rolling(data.weight, length)),
        "mean": _rolling(data.value, length) / length,
    }
    figure = np.full(data.value.shape, np.nan)
    for name, matrix in sums.items():
        figure = np.where(aggregation == name, np.where(complete, matrix, np.nan), figure)
    return np.where(aggregation == "latest", data.value, figure)


def year_on_year(unit: npt.ArrayLike, current: npt.ArrayLike,
                 previous: npt.ArrayLike) -> Matrix:
    """Year-on-year change (column 5): percentage change for counts, numbers and
    currency; a difference in points for percentages; in seconds for durations."""
    units, now, before = np.asarray(unit), np.asarray(current, float), np.asarray(
        previous, float)
    difference = now - before
    relative = _divide(difference, before) * 100
    return np.where(np.isin(units, ["percentage", "duration"]), difference, relative)


def is_large_change(unit: npt.ArrayLike, change: npt.ArrayLike, previous: npt.ArrayLike,
                    method: Method) -> Matrix:
    """The year-on-year change is at least `large_change` (percent or points; for
    durations, that share of the earlier window)."""
    units, size = np.asarray(unit), np.abs(np.asarray(change, float))
    limit = np.where(units == "duration", np.abs(np.asarray(previous, float)) / 100, 1.0)
    large: Matrix = np.nan_to_num(size) >= method.large_change * limit
    return large


# --- Column 6: rolling 12-month trend ---------------------------------------


def _trend(data: _Series, method: Method) -> tuple[Matrix, Matrix]:
    """The OLS slope over M−11..M, as the rise across the 12 months, and its word."""
    present = ~np.isnan(data.value)
    complete = _rolling(present, 12) == 12
    months = np.arange(data.value.shape[1], dtype=float)[None, :]
    total = _rolling(data.value, 12)
    # Σ (x − x̄)(y − ȳ) with x = month index; Σ (x − x̄)² = 143 for 12 months.
    covariance = _rolling(data.value * months, 12) - (months - 5.5) * total
    change = np.where(complete, covariance / 143 * 11, np.nan)
    mean = total / 12
    word = trend_word(change, mean, method)
    return np.where(complete, change, np.nan), np.where(complete, word, "")


def trend_word(change: npt.ArrayLike, mean: npt.ArrayLike, method: Method) -> Matrix:
    """ "Increasing" when the fitted line rises at least the threshold % of the
    mean across the 12 months, "Decreasing" when it falls as much, else blank."""
    rise, level = np.asarray(change, float), np.asarray(mean, float)
    # Compared as change × 100 against threshold × mean: exact at the boundary.
    reach = np.nan_to_num(rise * 100)
    bar = method.trend_threshold * np.abs(np.nan_to_num(level))
    return np.where((rise > 0) & (reach >= bar), INCREASING,
                    np.where((rise < 0) & (-reach >= bar), DECREASING, ""))


# --- Column 7: statistical exceptions ---------------------------------------


def _baseline(data: _Series, fixed: pd.DataFrame,
              method: Method) -> tuple[Matrix, Matrix, Matrix]:
    """Centre line and sigma of each month's baseline (M−35..M, or a fixed range)."""
    x = data.value
    present = ~np.isnan(x)
    pairs = present & _shift(present, 1, fill=False)
    moving_range = np.where(pairs, np.abs(x - _shift(x, 1)), 0.0)
    count = _rolling(present, BASELINE_MONTHS)
    centre = _divide(_rolling(x, BASELINE_MONTHS), count)
    # Pairs wholly inside M−35..M end at M−34..M.
    mean_range = _divide(_rolling(moving_range, BASELINE_MONTHS - 1),
                         _rolling(pairs, BASELINE_MONTHS - 1))
    fixed_centre, fixed_range, fixed_count, has_fixed = _fixed_baseline(
        x, present, pairs, moving_range, fixed, data.first)
    centre = np.where(has_fixed, fixed_centre, centre)
    mean_range = np.where(has_fixed, fixed_range, mean_range)
    count = np.where(has_fixed, fixed_count, count)
    enough = count >= method.minimum_baseline
    return np.where(enough, centre, np.nan), np.where(enough, mean_range / D2, np.nan), count


def _fixed_baseline(x: Matrix, present: Matrix, pairs: Matrix, moving_range: Matrix,
                    fixed: pd.DataFrame, first: int) -> tuple[Matrix, Matrix, Matrix, Matrix]:
    months = np.arange(x.shape[1])[None, :] + first
    none = pd.Series(np.nan, index=fixed.index)
    start = fixed.get("baseline_start", none).to_numpy(dtype=float)[:, None]
    end = fixed.get("baseline_end", none).to_numpy(dtype=float)[:, None]
    inside = (months >= start) & (months <= end)
    in_pairs = pairs & inside & _shift(inside, 1, fill=False)
    count = (present & inside).sum(axis=1, keepdims=True)
    centre = _divide(np.where(inside & present, x, 0).sum(axis=1, keepdims=True), count)
    mean_range = _divide(np.where(in_pairs, moving_range, 0).sum(axis=1, keepdims=True),
                         in_pairs.sum(axis=1, keepdims=True))
    has_fixed = ~np.isnan(start) & ~np.isnan(end)
    return centre, mean_range, count, has_fixed


def rule_flags(x: Matrix, centre: Matrix, sigma: Matrix) -> dict[tuple[str, str], Matrix]:
    """For each rule and side, whether it holds with each month as month M.

    `centre` and `sigma` are M's (per column, or one per row for a fixed chart).
    The sigma rules need a positive sigma; a value on the centre line is on
    neither side.
    """
    judged = np.nan_to_num(sigma) > 0
    flags: dict[tuple[str, str], Matrix] = {}
    for side, sign in ((HIGH, 1), (LOW, -1)):
        def beyond(k: int, months_back: int, sign: int = sign) -> Matrix:
            shifted = _shift(x, months_back)
            held: Matrix = judged & (sign * (shifted - centre) > k * sigma)
            return held

        on_side = [sign * (_shift(x, j) - centre) > 0 for j in range(8)]
        flags[("One", side)] = beyond(3, 0)
        flags[("Two", side)] = beyond(2, 0) & (_count(beyond(2, j) for j in range(3)) >= 2)
        flags[("Three", side)] = beyond(1, 0) & (_count(beyond(1, j) for j in range(5)) >= 4)
        flags[("Eight", side)] = np.logical_and.reduce(on_side)
    return flags


def _count(held: Iterable[Matrix]) -> Matrix:
    """How many of the boolean matrices hold, cell by cell."""
    total: Matrix = np.sum(np.stack(list(held)).astype(int), axis=0)
    return total


SUSTAINED_MONTHS = 6  # seed 001: "at least six months of sustained improvement"
POLARITY_SIGN = {"up_is_good": 1, "down_is_good": -1}


def improvement_run(x: Matrix, centre: Matrix, sign: Matrix) -> Matrix:
    """For each month M, how many months up to and including M lie in a row on
    the improvement side of M's centre line (up to BASELINE_MONTHS; NaN where
    the polarity names no improvement or M has no centre line). A month on the
    line, or without data, ends the run."""
    run = np.zeros(x.shape)
    going = np.ones(x.shape, dtype=bool)
    for months_back in range(BASELINE_MONTHS):
        going &= sign * (_shift(x, months_back) - centre) > 0
        if not going.any():
            break
        run += going
    return np.where((sign != 0) & ~np.isnan(centre), run, np.nan)


def is_sustained(run: float) -> bool:
    return bool(run >= SUSTAINED_MONTHS) if run == run else False  # NaN: not judged


def exception_text(rules: list[str], side: str) -> str:
    """The cell as the seed prints it: "One, Two, Three, Eight-Month High"."""
    return f"{', '.join(rules)}-Month {side}" if rules else ""


def movement(side: str, polarity: str) -> str:
    """Whether an exception on this side is an improvement, a concern or a change."""
    if not side or polarity == "neutral":
        return CHANGE if side else ""
    good = HIGH if polarity == "up_is_good" else LOW
    return IMPROVEMENT if side == good else CONCERN


# --- Column 8: exception weighting ------------------------------------------


def exception_weighting(trend: npt.ArrayLike, change: npt.ArrayLike, large: npt.ArrayLike,
                        rules: dict[str, Matrix], method: Method) -> Matrix:
    """Direction score + rule score. `rules` maps a rule name to whether it holds."""
    words, yoy = np.asarray(trend), np.asarray(change, float)
    rising, falling = np.nan_to_num(yoy) > 0, np.nan_to_num(yoy) < 0
    has_trend = np.isin(words, [INCREASING, DECREASING]) & ~np.isnan(yoy)
    same = ((words == INCREASING) & rising) | ((words == DECREASING) & falling)
    opposite = ((words == INCREASING) & falling) | ((words == DECREASING) & rising)
    direction = np.where(
        has_trend,
        np.where(same, method.same_direction_score,
                 np.where(opposite, method.opposite_direction_score, 0)),
        np.where(np.asarray(large), method.large_change_score, 0))
    score = sum(np.asarray(held) * method.rule_weight(rule) for rule, held in rules.items())
    weighting: Matrix = (direction + score).astype(int)
    return weighting


# --- Everything, for the months asked for -----------------------------------

FIGURE_COLUMNS = [
    "value", "three_months", "twelve_months", "previous_twelve_months", "year_on_year",
    "large_change", "trend", "trend_change", "centre", "sigma", "baseline_points",
    *(rule.lower() for rule in RULES), "side", "exceptions", "movement", "weighting",
    "improvement_run",
]


def kpi_figures(values: pd.DataFrame, series: pd.DataFrame, months: Iterable[int],
                method: Method = Method()) -> pd.DataFrame:
    """Every KPI figure of every series for each reference month in `months`.

    values: series, month (number), value, numerator, denominator, weight.
    series: indexed by the series key; aggregation, unit, polarity,
        baseline_start and baseline_end (month numbers, NaN unless fixed).
    Returns one row per series and month (index: series, month), FIGURE_COLUMNS.
    """
    wanted = sorted(set(months))
    if series.empty or not wanted:
        return pd.DataFrame(columns=FIGURE_COLUMNS, index=pd.MultiIndex.from_arrays(
            [[], []], names=["series", "month"]))
    first = min([*values["month"], wanted[0]]) if len(values) else wanted[0]
    first = min(first, wanted[0] - 48)  # room for M−35 and the previous 12 months
    last = max([*values["month"], wanted[-1]]) if len(values) else wanted[-1]
    data = _matrices(values, series, first, last)
    columns = np.array(wanted) - first
    return _figures(data, series, method, columns, wanted)


def _figures(data: _Series, series: pd.DataFrame, method: Method, columns: Matrix,
             months: list[int]) -> pd.DataFrame:
    aggregation = series["aggregation"].to_numpy()[:, None]
    unit = np.broadcast_to(series["unit"].to_numpy()[:, None], data.value.shape)
    twelve = _window(data, aggregation, 12)
    previous = _shift(twelve, 12)
    change = year_on_year(unit, twelve, previous)
    large = is_large_change(unit, change, previous, method)
    trend_change, trend = _trend(data, method)
    centre, sigma, points = _baseline(data, series, method)
    flags = rule_flags(data.value, centre, sigma)
    high = {rule: flags[(rule, HIGH)] for rule in RULES}
    low = {rule: flags[(rule, LOW)] for rule in RULES}
    held = {rule: high[rule] | low[rule] for rule in RULES}
    side = np.where(np.logical_or.reduce(list(high.values())), HIGH,
                    np.where(np.logical_or.reduce(list(low.values())), LOW, ""))
    weighting = exception_weighting(trend, change, large, held, method)

    def pick(matrix: Matrix) -> Matrix:
        picked: Matrix = matrix[:, columns].reshape(-1)
        return picked

    frame = pd.DataFrame({
        "value": pick(data.value),
        "three_months": pick(_window(data, aggregation, 3)),
        "twelve_months": pick(twelve),
        "previous_twelve_months": pick(previous),
        "year_on_year": pick(change),
        "large_change": pick(large),
        "trend": pick(trend),
        "trend_change": pick(trend_change),
        "centre": pick(centre),
        "sigma": pick(sigma),
        "baseline_points": pick(points).astype(int),
        **{rule.lower(): pick(held[rule]) for rule in RULES},
        "side": pick(side),
        "weighting": pick(weighting),
        "improvement_run": pick(improvement_run(data.value, centre, _signs(series))),
    }, index=pd.MultiIndex.from_product([series.index, months], names=["series", "month"]))
    held_rules = [frame[rule.lower()].to_numpy() for rule in RULES]
    frame["exceptions"] = _each_combination(
        lambda side, *held: exception_text([r for r, h in zip(RULES, held, strict=True) if h],
                                           side), frame["side"].to_numpy(), *held_rules)
    polarity = series["polarity"].reindex(frame.index.get_level_values("series")).to_numpy()
    frame["movement"] = _each_combination(movement, frame["side"].to_numpy(), polarity)
    figures: pd.DataFrame = frame[FIGURE_COLUMNS]
    return figures


def _each_combination(function: Callable[..., str], *columns: Matrix) -> Matrix:
    """function(*row) for each row of `columns`, called once per distinct row
    (a handful of them among a million rows)."""
    code = np.zeros(len(columns[0]), dtype=np.int64)
    for column in columns:  # one integer per distinct row (mixed radix)
        codes, uniques = pd.factorize(column)
        code = code * len(uniques) + codes
    _, first, inverse = np.unique(code, return_index=True, return_inverse=True)
    results: Matrix = np.array([function(*(column[i] for column in columns)) for i in first],
                               dtype=object)
    return results[inverse.reshape(-1)]


def _signs(series: pd.DataFrame) -> Matrix:
    signs: Matrix = series["polarity"].map(POLARITY_SIGN).fillna(0).to_numpy(dtype=float)
    return signs[:, None]


def window_value(months: pd.DataFrame, aggregation: str) -> float | None:
    """One window's figure from its monthly rows (value, numerator, denominator,
    weight) in month order, by the same rule as the tables; None if it has none."""
    if months.empty:
        return None
    if aggregation not in ("sum", "ratio", "weighted_mean", "mean", "latest"):
        raise ValueError(f"Unknown aggregation {aggregation!r}")
    values = months.assign(series=0, month=range(len(months)))
    series = pd.DataFrame({"aggregation": [aggregation]})
    data = _matrices(values, series, 0, len(months) - 1)
    figure = _window(data, np.array([[aggregation]]), len(months))[0, -1]
    return None if np.isnan(figure) else float(figure)


def trend_lines(values: pd.DataFrame, series: pd.DataFrame,
                months: Iterable[int]) -> dict[int, pd.DataFrame]:
    """Column 1 for each reference month: each series' monthly values M−35..M
    (a DataFrame per month; its columns are month numbers)."""
    wanted = sorted(set(months))
    first = wanted[0] - BASELINE_MONTHS + 1
    data = _matrices(values, series, first, wanted[-1])
    return {m: pd.DataFrame(data.value[:, m - BASELINE_MONTHS + 1 - first:m - first + 1],
                            index=series.index, columns=range(m - BASELINE_MONTHS + 1, m + 1))
            for m in wanted}


def threshold_met(value: float | None, threshold: float, direction: str) -> bool | None:
    """Whether a figure meets a threshold ("at_most" or "at_least"); None if no figure."""
    if value is None or value != value:
        return None
    return value <= threshold if direction == "at_most" else value >= threshold
