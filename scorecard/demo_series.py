"""Demo monthly series: realistic, and reproducing every figure seed 001 prints.

A series is found by constrained generation, not written by hand:
  1. a batch of candidates is drawn from a simple model of a monthly series
     (a level that moves between the printed windows' levels, seasonality
     where the measure has it, noise sized to it, and known changes such as
     the April 2023 burglary reclassification);
  2. each candidate is fitted exactly to the printed window figures (the
     month, 3 months, 12 months and the year before, from year-on-year): a
     window's months not fixed by a smaller one are scaled together, then
     rounded to whole calls, crimes and seconds;
  3. all candidates are scored at once by stats.kpi_figures, the one
     definition of every figure, and the first whose every printed figure
     (the trend, the statistical exceptions and the weighting too) comes out
     as printed, with no run of more than three equal months, is kept.
The draws are seeded by the series' code and area, and cover a fixed span
of months whatever the day, so a later load extends a series without
changing a month of it. Pure: no database.
"""

import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import numpy.typing as npt
import pandas as pd

from scorecard import stats
from scorecard.formats import parse_duration
from scorecard.kpi_rows import printed_figure

# Every series is drawn over these months; a load keeps those before its day.
FIRST_MONTH, HORIZON = date(2019, 1, 1), date(2035, 12, 1)
WINDOW_FIGURES = ["month", "three_months", "twelve_months", "year_on_year"]
FIGURES = [*WINDOW_FIGURES, "trend", "exceptions", "weighting"]
BATCH = 200  # candidates scored in one call of stats.kpi_figures
BATCHES = 60
MOST_EQUAL_IN_A_ROW = 3
DEFAULT_SCALE = {"ratio": 2000, "weighted_mean": 1500}  # a denominator's or weight's level
# The rounding of a month's value: whole counts and numerators, tenths of a
# second (a month's mean of many calls or incidents), pence and hundredths.
STEP = {"count": 1.0, "percentage": 1.0, "duration": 0.1}
Array = npt.NDArray[np.float64]


def parse_figure(unit: str, text: str) -> float | None:
    """A printed figure as a number: "9,429", "0.7%", "-1.2% points", "-00:01:05"."""
    text = (text or "").strip()
    if not text:
        return None
    if ":" in text:
        sign = -1 if text.startswith("-") else 1
        seconds = parse_duration(text.lstrip("-"))
        if seconds is None:
            raise ValueError(f"not a duration: {text!r}")
        return sign * seconds
    return float(text.replace(",", "").replace("% points", "").replace("%", ""))


@dataclass
class SeriesSpec:
    """A series and what seed 001 prints of it at its table's month."""

    code: str
    area: str
    unit: str
    aggregation: str
    polarity: str
    reference: date
    printed: dict  # FIGURES and the extras below, as printed (text)
    kpi_table: bool = False  # a row of a KPI table: every figure is printed
    lost: frozenset = frozenset()  # figures the extracted seed lost
    level: str = ""  # a typical month, where nothing else says
    season: int | None = None  # the month of the yearly peak
    noise: float = 0.04  # month-to-month noise, a share of the level
    scale: float | None = None  # a typical denominator or weight
    changes: list = field(default_factory=list)  # (month, factor): a step in the level

    def figure(self, name: str) -> float | None:
        unit = self.unit
        if name == "year_on_year" and unit not in ("percentage", "duration"):
            unit = "count"  # a percentage change, whatever the measure's unit
        return parse_figure(unit, self.printed.get(name, ""))

    def wanted(self) -> dict:
        """The figures a candidate must print, as printed: a KPI table's row
        prints all seven (a blank trend or exception is a figure too)."""
        names = FIGURES if self.kpi_table else WINDOW_FIGURES
        wanted = {name: self.printed.get(name, "").strip() for name in names
                  if name not in self.lost}
        return {k: v for k, v in wanted.items() if v or self.kpi_table}


def generate(spec: SeriesSpec, last: date, method: stats.Method | None = None) -> pd.DataFrame:
    """Monthly rows (month, value, numerator, denominator, weight) from
    FIRST_MONTH to `last`."""
    series = find(spec, method or stats.Method())
    return series.rows(spec, last)


@dataclass
class _Candidates:
    """N candidate series over the months FIRST_MONTH..HORIZON (columns)."""

    x: Array  # the value; a ratio's numerator
    w: Array  # a ratio's denominator or a weighted mean's weight (1 otherwise)

    def rows(self, spec: SeriesSpec, last: date) -> pd.DataFrame:
        """The first candidate's months up to `last`."""
        months = _months(last)
        x, w = self.x[0, :len(months)], self.w[0, :len(months)]
        ratio, weighted = spec.aggregation == "ratio", spec.aggregation == "weighted_mean"
        return pd.DataFrame({
            "month": months,
            "value": None if ratio else x,
            "numerator": x if ratio else None,
            "denominator": w if ratio else None,
            "weight": w if weighted else None,
        })

    def pick(self, index: int) -> "_Candidates":
        return _Candidates(self.x[index:index + 1], self.w[index:index + 1])


def _months(last: date) -> list[date]:
    return list(pd.date_range(FIRST_MONTH, last, freq="MS").date)


SPAN = len(_months(HORIZON))


_FOUND: dict = {}  # a pure function's results, kept for the process (tests load often)


def find(spec: SeriesSpec, method: stats.Method) -> _Candidates:
    """The first candidate whose printed figures all come out as printed."""
    key = (repr(spec), method)
    if key not in _FOUND:
        _FOUND[key] = _find(spec, method)
    found: _Candidates = _FOUND[key]
    return found


def _find(spec: SeriesSpec, method: stats.Method) -> _Candidates:
    rng = np.random.default_rng(zlib.crc32(f"{spec.code}/{spec.area}".encode()))
    wanted = spec.wanted()
    misses: dict = {}
    for batch in range(BATCHES):
        candidates = _fitted(spec, _drawn(spec, rng, 1 + batch / 8))
        ok, missed = _matching(spec, candidates, wanted, method)
        for name, count in missed.items():
            misses[name] = misses.get(name, 0) + count
        if ok.any():
            return candidates.pick(int(np.flatnonzero(ok)[0]))
    raise ValueError(f"{spec.code} {spec.area}: no candidate prints the seed's figures "
                     f"(misses by figure: {misses})")


# --- 1. Drawing candidates ---------------------------------------------------


def _offsets(spec: SeriesSpec) -> Array:
    """Each column's month, counted from the reference month."""
    start = (FIRST_MONTH.year - spec.reference.year) * 12 + (
        FIRST_MONTH.month - spec.reference.month)
    return np.arange(start, start + SPAN, dtype=float)


def _levels(spec: SeriesSpec) -> dict:
    """The typical month of each printed window (a per-month level)."""
    totals = spec.aggregation == "sum"  # a sum's windows are printed as totals
    level = parse_figure(spec.unit, spec.level) if spec.level else None
    found: dict = {}
    month = spec.figure("month")
    for name, length in (("three_months", 3), ("twelve_months", 12)):
        value = spec.figure(name)
        if value is not None:
            found[name] = value / length if totals else value
    current = found.get("twelve_months", level if level is not None else (
        found.get("three_months", month)))
    if current is None:
        current = spec.figure("previous_month")
    assert current is not None, spec.code  # noqa: S101 (every row gives one)
    change = spec.figure("year_on_year")
    if change is not None:
        previous = (current - change if spec.unit in ("percentage", "duration")
                    else current / (1 + change / 100))
    else:
        previous = current
    sply = spec.figure("sply_three_months")
    if sply is not None:
        previous = sply / (3 if spec.aggregation == "sum" else 1)
    return {"previous": previous, "current": current,
            "recent": found.get("three_months", current),
            "month": month if month is not None else found.get("three_months", current)}


def _drawn(spec: SeriesSpec, rng: np.random.Generator, spread: float) -> _Candidates:
    """BATCH candidates from the model: a level through jittered knots, a step
    for each known change, seasonality and noise. Each batch spreads wider
    (`spread`), so the plainest series that prints the seed's figures is found
    first."""
    t = _offsets(spec)
    levels = _levels(spec)
    reach = min(0.15 * spread, 0.7)
    jitter = rng.uniform(1 - reach, 1 + reach, (BATCH, 4))
    early = rng.uniform(1 - reach / 3, 1 + reach / 3, (BATCH, 2))  # the years before: steadier
    # With no year-on-year printed, the year before is free to differ.
    previous = levels["previous"] * (rng.uniform(0.8, 1.2, BATCH) if spec.figure(
        "year_on_year") is None else np.ones(BATCH))
    # The year before's level until a change some time in the year to M,
    # then the year's; after M, back to the long run within a year (a signal
    # passes: a backlog is cleared, a team is brought up to strength).
    change_at = rng.uniform(-20, -8, BATCH)
    change_end = np.minimum(change_at + rng.uniform(1, 8, BATCH), -4)
    settle = rng.uniform(3, 9, BATCH)
    long_run = levels["current"] * jitter[:, 2]
    level = np.array([np.interp(t, [t[0], -30, change_at[i], change_end[i], -3, -1, 0,
                                    settle[i], t[-1]],
                                [previous[i] * early[i, 0], previous[i] * early[i, 1],
                                 previous[i], levels["current"], levels["current"],
                                 levels["recent"], levels["month"], long_run[i],
                                 long_run[i] * jitter[i, 3]])
                      for i in range(BATCH)])
    # A passing swell or dip within the year: the months around it move together.
    centre, width = rng.uniform(-11, -1, (BATCH, 1)), rng.uniform(0.5, 2.5, (BATCH, 1))
    swell = rng.uniform(-0.3, 0.3, (BATCH, 1)) * (rng.random((BATCH, 1)) < 0.6)
    level = level * (1 + swell * np.exp(-((t - centre) / width) ** 2))
    for month, factor in spec.changes:
        at = (month.year - spec.reference.year) * 12 + month.month - spec.reference.month
        level = level * np.where(t >= at, factor, 1.0)
    month_of_year = (spec.reference.month - 1 + t) % 12 + 1
    if spec.season:
        amplitude = rng.uniform(0.02, 0.08, (BATCH, 1))
        level = level * (1 + amplitude * np.cos(2 * np.pi * (month_of_year - spec.season) / 12))
    noise = spec.noise * rng.uniform(0.5, 2.0 * spread, (BATCH, 1))
    x = level * (1 + rng.normal(0, 1, (BATCH, SPAN)) * noise)
    if spec.unit == "count":  # small counts vary at least as a Poisson count does
        x = x + rng.normal(0, 1, (BATCH, SPAN)) * np.sqrt(np.maximum(level, 1)) * 0.5
    x = np.maximum(x, 0)
    w = np.ones_like(x)
    if spec.aggregation in DEFAULT_SCALE:
        scale = spec.scale or DEFAULT_SCALE[spec.aggregation]
        w = np.round(scale * (1 + rng.normal(0, 0.05, (BATCH, SPAN))
                              + (0.05 * np.cos(2 * np.pi * (month_of_year - spec.season) / 12)
                                 if spec.season else 0)))
        if spec.aggregation == "ratio":
            x = x / 100 * w  # a rate drawn; its numerator kept
    return _Candidates(x, w)


# --- 2. Fitting each candidate to the printed windows -------------------------


def _windows(spec: SeriesSpec, levels: dict) -> Iterator[tuple[list[int], float]]:
    """(the window's months from the reference month, its printed figure), the
    smallest first: a larger window's other months are fitted around it."""
    if spec.aggregation == "latest":
        for name, offset in (("month", 0), ("previous_month", -1)):
            if spec.figure(name) is not None:
                yield [offset], spec.figure(name)  # type: ignore[misc]
        if spec.figure("year_on_year") is not None:
            yield [-12], levels["previous"]
        return
    per_month = spec.aggregation == "sum"
    listed = [("month", [0], 1), ("previous_month", [-1], 1), ("three_months", [-2, -1, 0], 3),
              ("sply_three_months", [-14, -13, -12], 3),
              ("twelve_months", list(range(-11, 1)), 12)]
    for name, months, length in listed:
        value = spec.figure(name)
        if value is not None:
            yield months, value / length if per_month else value
    if spec.figure("year_on_year") is not None:
        yield list(range(-23, -11)), levels["previous"]


def _fitted(spec: SeriesSpec, drawn: _Candidates) -> _Candidates:
    x, w = drawn.x.copy(), drawn.w
    t = _offsets(spec)
    column = {int(o): i for i, o in enumerate(t)}
    fixed: set[int] = set()
    step = STEP.get(spec.unit, 0.01)
    weighted = spec.aggregation == "weighted_mean"
    c = w if weighted else np.ones_like(w)  # what each month's value is weighed by
    for months, value in sorted(_windows(spec, _levels(spec)), key=lambda m: len(m[0])):
        at = [column[o] for o in months]
        free = [i for i in at if i not in fixed]
        if not free:
            continue
        if spec.aggregation == "ratio":
            needed = value / 100 * w[:, at].sum(axis=1)
        elif weighted:
            needed = value * w[:, at].sum(axis=1)
        else:
            needed = value * len(at)
        held = [i for i in at if i in fixed]
        needed = needed - (x[:, held] * c[:, held]).sum(axis=1)
        have = (x[:, free] * c[:, free]).sum(axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            x[:, free] = x[:, free] * (needed / have)[:, None]
        x[:, free] = np.round(x[:, free] / step) * step
        last = free[-1]
        residual = needed - (x[:, free] * c[:, free]).sum(axis=1)
        x[:, last] += np.round(residual / c[:, last] / step) * step
        fixed.update(free)
    others = [i for i in range(SPAN) if i not in fixed]
    x[:, others] = np.round(x[:, others] / step) * step
    if spec.aggregation == "ratio":
        x = np.minimum(x, w)
    return _Candidates(x, w)


# --- 3. Scoring every candidate with the KPI method ---------------------------


def _matching(spec: SeriesSpec, candidates: _Candidates, wanted: dict,
              method: stats.Method) -> tuple[npt.NDArray[np.bool_], dict]:
    """Which candidates print every wanted figure, and how many missed each."""
    n = len(candidates.x)
    first = stats.month_number(FIRST_MONTH)
    reference = stats.month_number(spec.reference)
    span = reference - first + 1
    x, w = candidates.x[:, :span], candidates.w[:, :span]
    ratio = spec.aggregation == "ratio"
    with np.errstate(divide="ignore", invalid="ignore"):
        value = np.where(w > 0, x / w * 100, np.nan) if ratio else x
    values = pd.DataFrame({
        "series": np.repeat(np.arange(n), span),
        "month": np.tile(np.arange(first, reference + 1), n),
        "value": value.reshape(-1), "numerator": x.reshape(-1), "denominator": w.reshape(-1),
        "weight": w.reshape(-1),
    })
    series = pd.DataFrame({"aggregation": spec.aggregation, "unit": spec.unit,
                           "polarity": spec.polarity, "baseline_start": np.nan,
                           "baseline_end": np.nan}, index=np.arange(n))
    figures = stats.kpi_figures(values, series, [reference], method).reset_index(drop=True)
    whole = candidates.x
    with np.errstate(divide="ignore", invalid="ignore"):
        monthly = np.where(candidates.w > 0, whole / candidates.w, np.nan) if ratio else whole
    ok = _plain(monthly) & ~np.isnan(whole).any(axis=1) & (whole >= 0).all(axis=1)
    missed = {}
    rows = figures.to_dict("records")
    for name, printed in wanted.items():
        hits = np.array([printed_figure(spec.unit, row, name) == printed for row in rows])
        missed[name] = int((~hits & ok).sum())
        ok &= hits
    return ok, missed


def _plain(value: Array) -> npt.NDArray[np.bool_]:
    """No run of more than MOST_EQUAL_IN_A_ROW equal months."""
    run = MOST_EQUAL_IN_A_ROW + 1
    width = value.shape[1] - run + 1
    same = np.ones((value.shape[0], width), dtype=bool)
    for lag in range(1, run):
        same &= value[:, lag:width + lag] == value[:, :width]
    plain: npt.NDArray[np.bool_] = np.logical_not(same.any(axis=1))
    return plain


@dataclass(frozen=True)
class KindsSplit:
    """A weighted mean split into two kinds of incident whose weights add up to
    the whole's and whose weighted mean is the whole's: seed 001 gives
    immediate response in urban and rural settings for one month only."""

    first: str  # the first kind's measure code
    second: str
    month: date  # the month the seed prints both kinds
    first_value: float  # each kind's value that month
    second_value: float
    second_share: float  # the second kind's usual share of the weight


def split_kinds(rows: pd.DataFrame, split: KindsSplit) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The two kinds' monthly rows (month, value, weight) from the whole's rows.
    Each month the second kind is slower by about the seed month's factor and
    takes about its usual share of incidents; the first kind's value then
    follows from the whole's. Seeded, over the fixed span, like the series."""
    n = len(rows)
    draw = np.random.default_rng(zlib.crc32(split.first.encode()))
    factor = split.second_value / split.first_value * (1 + draw.normal(0, 0.03, SPAN))[:n]
    share = np.clip(split.second_share + draw.normal(0, 0.02, SPAN), 0.1, 0.9)[:n]
    whole = rows["value"].to_numpy(dtype=float)
    weight = rows["weight"].to_numpy(dtype=float)
    at = np.flatnonzero(rows["month"].to_numpy() == split.month)
    if at.size:  # the seed's month: both kinds as printed
        factor[at] = split.second_value / split.first_value
        share[at] = (whole[at] - split.first_value) / (split.second_value - split.first_value)
    second_weight = np.round(share * weight)
    first_weight = weight - second_weight
    first = np.round(whole * weight / (first_weight + factor * second_weight), 1)
    second = np.round(first * factor, 1)
    if at.size:
        first[at], second[at] = split.first_value, split.second_value
    return (pd.DataFrame({"month": rows["month"], "value": first, "weight": first_weight}),
            pd.DataFrame({"month": rows["month"], "value": second, "weight": second_weight}))
