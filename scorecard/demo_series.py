"""Demo monthly series built so that seed 001's published figures come out of them.

Given a measure's figures for a reference month M (the month, 3 months,
12 months, year-on-year, as printed), each window is filled in turn so its
aggregate is exactly the printed one; months no figure constrains follow the
measure's level with a deterministic seasonal wobble. Pure: no database.
"""

import zlib
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from scorecard.formats import add_months, format_change, format_value, parse_duration
from scorecard.stats import window_value

DEFAULT_WEIGHT = {"ratio": 2000, "weighted_mean": 1500}
FIGURES = ["month", "three_months", "twelve_months", "year_on_year"]


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
    code: str
    area: str
    unit: str
    aggregation: str
    reference: date
    printed: dict  # FIGURES and the extras below, as printed (text)
    level: str = ""

    def figure(self, name):
        unit = self.unit
        if name == "year_on_year" and unit not in ("percentage", "duration"):
            unit = "count"  # a percentage change, whatever the measure's unit
        return parse_figure(unit, self.printed.get(name, ""))


@dataclass
class _Series:
    spec: SeriesSpec
    offsets: list
    rng: np.random.Generator
    x: dict = field(default_factory=dict)  # offset -> value (a rate for ratios)
    w: dict = field(default_factory=dict)  # offset -> weight or denominator (1 if none)
    n: dict = field(default_factory=dict)  # offset -> numerator (ratios)

    @property
    def whole(self) -> bool:
        return self.spec.aggregation in ("sum", "latest")

    def wobble(self, offsets) -> np.ndarray:
        seasonal = 0.04 * np.sin(np.array(offsets) * np.pi / 6)
        return seasonal + self.rng.normal(0, 0.015, len(offsets))

    def fill(self, window, target: float) -> None:
        """Give the window's unset months values so its aggregate is `target`."""
        free = [o for o in window if o not in self.x]
        if not free:
            return
        wobble = 1 + self.wobble(free)
        for _ in range(400):
            if self._try_fill(window, free, target, wobble):
                return
            # Whole numerators cannot give that rate: nudge a denominator.
            self.w[free[-1]] += 1
        raise ValueError(f"{self.spec.code} {self.spec.area}: no whole numerators fit")

    def _try_fill(self, window, free, target, wobble) -> bool:
        weights = np.array([self.w[o] for o in free], dtype=float)
        needed = target * sum(self.w[o] for o in window) - sum(
            self.x[o] * self.w[o] for o in window if o in self.x and o not in free
        )
        values = needed / weights.sum() * wobble
        values += (needed - (values * weights).sum()) / weights.sum()
        if (values < 0).any():
            raise ValueError(f"{self.spec.code} {self.spec.area}: figures cannot be met")
        if self.whole:
            values = np.round(values)
            values[-1] += round(needed) - values.sum()
        if self.spec.aggregation == "ratio":
            numerators = np.round(values * weights / 100)
            numerators[-1] += round(needed / 100) - numerators.sum()
            self.n.update(zip(free, numerators.tolist(), strict=True))
            values = numerators / weights * 100
        self.x.update(zip(free, values.round(4).tolist() if not self.whole else
                          values.tolist(), strict=True))
        wanted = format_value(self.spec.unit, target)
        return self.spec.aggregation != "ratio" or format_value(
            "percentage", self.value(window)) == wanted

    def frame(self, window) -> pd.DataFrame:
        return pd.DataFrame({
            "value": [self.x[o] for o in window],
            "weight": [self.w[o] for o in window],
            "numerator": [self.n.get(o, np.nan) for o in window],
            "denominator": [self.w[o] for o in window],
        })

    def value(self, window):
        return window_value(self.frame(window), self.spec.aggregation)


def generate(spec: SeriesSpec, first: date, last: date) -> pd.DataFrame:
    """Monthly rows (month, value, numerator, denominator, weight) from first to last."""
    count = (last.year - first.year) * 12 + last.month - first.month + 1
    start = (first.year - spec.reference.year) * 12 + first.month - spec.reference.month
    offsets = list(range(start, start + count))
    seed = zlib.crc32(f"{spec.code}/{spec.area}".encode())
    series = _Series(spec, offsets, np.random.default_rng(seed))
    base = DEFAULT_WEIGHT.get(spec.aggregation, 1)
    series.w = {o: round(base * (1 + w)) if base > 1 else 1
                for o, w in zip(offsets, series.wobble(offsets), strict=True)}
    _fill_windows(series, spec)
    return _rows(series, spec)


def _window(end: int, length: int) -> list:
    return list(range(end - length + 1, end + 1))


def _fill_windows(series: _Series, spec: SeriesSpec) -> None:
    per_month = spec.aggregation == "sum"  # totals are printed; fill() takes averages
    month, previous = spec.figure("month"), spec.figure("previous_month")
    if month is not None:
        series.fill([0], month)
    if previous is not None:
        series.fill([-1], previous)
    if spec.aggregation != "latest":
        for name, length in (("three_months", 3), ("twelve_months", 12)):
            total = spec.figure(name)
            if total is not None:
                series.fill(_window(0, length), total / length if per_month else total)
    level = _level(spec, series)
    series.fill(_window(0, 12), level)
    sply = spec.figure("sply_three_months")
    if sply is not None:
        series.fill(_window(-12, 3), sply / 3 if per_month else sply)
    _fill_year_before(series, spec, level)
    for offset in series.offsets:
        if offset not in series.x:
            near = -12 if offset < -23 else 0
            series.fill([offset], series.x[near] if spec.aggregation != "ratio" else
                        series.n[near] / series.w[near] * 100)


def _level(spec, series) -> float:
    """The typical month, for months no figure constrains."""
    level = parse_figure(spec.unit, spec.level) if spec.level else None
    if level is not None:
        return level
    return series.value(_window(0, 12)) if all(o in series.x for o in _window(0, 12)) else (
        series.x[0])


def _fill_year_before(series: _Series, spec: SeriesSpec, level: float) -> None:
    change = spec.figure("year_on_year")
    window = [-12] if spec.aggregation == "latest" else _window(-12, 12)
    current = series.value(_window(0, 12) if spec.aggregation != "latest" else [0])
    if change is None:
        per_month = spec.aggregation == "sum"  # `current` is a total; fill() takes averages
        series.fill(window, current * 0.97 / (len(window) if per_month else 1))
        return
    printed = spec.printed["year_on_year"].strip()
    for candidate in _previous_candidates(spec, current, change):
        trial = _Series(spec, series.offsets, series.rng, dict(series.x), dict(series.w),
                        dict(series.n))
        trial.fill(window, candidate)
        if format_change(spec.unit, current, trial.value(window)) == printed:
            series.x, series.w, series.n = trial.x, trial.w, trial.n
            return
    raise ValueError(f"{spec.code} {spec.area}: year-on-year {printed} cannot be met")


def _previous_candidates(spec, current, change):
    """Averages for the earlier window, nearest first, that may print `change`."""
    if spec.unit in ("percentage", "duration"):
        yield current - change
        return
    exact = current / (1 + change / 100)
    if spec.aggregation == "sum":  # `current` is the window's total; fill() takes averages
        for step in (0, 1, -1, 2, -2, 3, -3):
            yield (round(exact) + step) / 12
    else:
        for step in (0, 1, -1, 2, -2):
            yield round(exact) + step


def _rows(series: _Series, spec: SeriesSpec) -> pd.DataFrame:
    months = [add_months(spec.reference, o) for o in series.offsets]
    ratio = spec.aggregation == "ratio"
    weighted = spec.aggregation == "weighted_mean"
    return pd.DataFrame({
        "month": months,
        "value": [None if ratio else series.x[o] for o in series.offsets],
        "numerator": [series.n[o] if ratio else None for o in series.offsets],
        "denominator": [series.w[o] if ratio else None for o in series.offsets],
        "weight": [series.w[o] if weighted else None for o in series.offsets],
    })


def published_figures(rows: pd.DataFrame, spec: SeriesSpec) -> dict:
    """The month, 3 months, 12 months and year-on-year columns, as printed."""
    by_month = rows.set_index("month")

    def window(end_offset, length):
        months = [add_months(spec.reference, end_offset - i) for i in range(length)][::-1]
        frame = by_month.loc[months].reset_index()
        if spec.aggregation == "ratio":
            frame["value"] = frame["numerator"] / frame["denominator"] * 100
        return window_value(frame, spec.aggregation)

    current, previous = window(0, 12), window(-12, 12)
    return {
        "month": format_value(spec.unit, window(0, 1)),
        "three_months": format_value(spec.unit, window(0, 3)),
        "twelve_months": format_value(spec.unit, current),
        "year_on_year": format_change(spec.unit, current, previous),
    }
