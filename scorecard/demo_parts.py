"""Demo counts for the areas within an area (County and Swindon, the
community policing teams): split from the whole's months, so that they add up
to it, and fitted to what seed 001 prints of each part.

  1. Each month's count is shared out among the parts (a multinomial draw,
     each part's share drifting slowly), a few crimes left in no area where
     the seed's figures say so (its County and Swindon add up to a little
     less than the force).
  2. Each part's printed windows (the month, 3 months, 12 months and the year
     before) are met exactly by moving crimes, month by month, to or from the
     parts nothing is printed of (or else the last part), so the sum holds.
  3. A batch of such splits is scored with the KPI method like a series
     (demo_series), and the first whose every part prints as printed is kept.
Seeded by the measure, over the fixed span of months. Pure: no database.
"""

import zlib
from dataclasses import dataclass

import numpy as np

from scorecard import stats
from scorecard.demo_series import (
    FIRST_MONTH,
    SPAN,
    Array,
    SeriesSpec,
    _Candidates,
    _levels,
    _matching,
    _plain,
    _windows,
)

BATCH = 100
BATCHES = 40
DRIFT = 0.02  # a part's share wanders by about this much a month


@dataclass(frozen=True)
class Part:
    spec: SeriesSpec  # the part's area and printed figures (perhaps none)
    share: float  # its usual share of the whole


@dataclass(frozen=True)
class Split:
    whole: SeriesSpec
    parts: tuple[Part, ...]
    unassigned: float = 0.0  # the share of the whole in no part
    others_fall: bool = False  # the parts nothing is printed of all fell in the 12 months


_SPLIT: dict = {}  # a pure function's results, kept for the process


def split(plan: Split, whole: Array, method: stats.Method) -> list[Array]:
    """Each part's monthly counts over the span; they and the unassigned add up
    to `whole` (the whole's found series) every month."""
    key = (repr(plan), whole.tobytes(), method)
    if key not in _SPLIT:
        _SPLIT[key] = _split(plan, whole, method)
    found: list[Array] = _SPLIT[key]
    return found


def _split(plan: Split, whole: Array, method: stats.Method) -> list[Array]:
    rng = np.random.default_rng(zlib.crc32(f"{plan.whole.code}/parts".encode()))
    targets = _targets(plan, whole)
    for _ in range(BATCHES):
        drawn = [_fitted(plan, _drawn(plan, whole, rng), targets, rng) for _ in range(BATCH)]
        batch = np.stack([d for d in drawn if d is not None])
        ok = _acceptable(plan, batch, method)
        if ok.any():
            chosen = batch[int(np.flatnonzero(ok)[0])]
            return [chosen[i] for i in range(len(plan.parts))]
    raise ValueError(f"{plan.whole.code}: no split prints every part's figures")


def _column(spec: SeriesSpec) -> int:
    return stats.month_number(spec.reference) - stats.month_number(FIRST_MONTH)


def _targets(plan: Split, whole: Array) -> list[list[tuple[list[int], float]]]:
    """Each row's windows (columns, total): the parts' printed ones, then the
    unassigned row's, where every part prints the window: what is left of the
    whole's. If every part prints something, the last part takes up the
    differences: its figures follow from the others'. (A first part printing
    only its year-on-year change gets the 12 months both changes need.)"""
    rows = [_windows_of(part.spec) for part in plan.parts]
    first = plan.parts[0].spec
    if first.figure("twelve_months") is None and first.figure("year_on_year") is not None:
        rows[0], unassigned = _by_changes(plan, whole)
    else:
        unassigned = []
        for columns, _ in rows[0] if plan.unassigned else []:
            if all(any(c == columns for c, _ in row) for row in rows[1:]):
                others = sum(t for row in rows for c, t in row if c == columns)
                unassigned.append((columns, whole[columns].sum() - others))
    if all(rows):
        rows[-1] = []
    return [*rows, unassigned]


def _windows_of(spec: SeriesSpec) -> list[tuple[list[int], float]]:
    if not spec.printed:
        return []
    at = _column(spec)
    return [([at + o for o in offsets], round(value * len(offsets)))
            for offsets, value in _windows(spec, _levels(spec))]


def _by_changes(plan: Split, whole: Array) -> tuple[list, list]:
    """The first part's and the unassigned's 12 months and the year before,
    such that the first and the last part both print their year-on-year
    changes: seed 001 gives only those changes for County and Swindon."""
    first, last = plan.parts[0].spec, plan.parts[-1].spec
    at = _column(first)
    now, before = list(range(at - 11, at + 1)), list(range(at - 23, at - 11))
    total, earlier = whole[now].sum(), whole[before].sum()
    left, left_before = round(total * plan.unassigned), round(earlier * plan.unassigned)
    a = 1 + (first.figure("year_on_year") or 0) / 100
    b = 1 + (last.figure("year_on_year") or 0) / 100
    guess = (total - left - b * (earlier - left_before)) / (1 - b / a)
    for step in range(200):  # the nearest whole numbers that print both changes
        for count in (round(guess) + step, round(guess) - step):
            for count_before in (round(count / a) - 1, round(count / a), round(count / a) + 1):
                rest, rest_before = total - left - count, earlier - left_before - count_before
                if _prints(count, count_before, a) and _prints(rest, rest_before, b):
                    return ([(now, count), (before, count_before)],
                            [(now, left), (before, left_before)])
    raise ValueError(f"{first.code}: no 12 months print both changes")


def _prints(now: float, before: float, ratio: float) -> bool:
    return before > 0 and round((now / before - 1) * 1000) == round((ratio - 1) * 1000)


def _drawn(plan: Split, whole: Array, rng: np.random.Generator) -> Array:
    """The whole's months shared out (rows: the parts, then the unassigned)."""
    shares = np.array([part.share for part in plan.parts] + [plan.unassigned])
    drift = np.exp(np.cumsum(rng.normal(0, DRIFT, (len(shares), SPAN)), axis=1))
    p = shares[:, None] * drift
    p /= p.sum(axis=0)
    counts = np.maximum(whole, 0).astype(np.int64)
    return rng.multinomial(counts, p.T).T.astype(float)


def _fitted(plan: Split, rows: Array, targets: list, rng: np.random.Generator) -> Array | None:
    """Rows meeting every target window, smallest first, by moving crimes to or
    from the pool (the parts with no windows, or else the last part); None if
    the pool runs out."""
    pool = [i for i, part in enumerate(plan.parts) if not targets[i]] or [len(plan.parts) - 1]
    for row, windows in enumerate(targets):
        fixed: set[int] = set()
        for columns, total in sorted(windows, key=lambda w: len(w[0])):
            free = [c for c in columns if c not in fixed]
            need = int(round(total - rows[row, columns].sum()))
            if need and not (free and _moved(rows, row, pool, free, need, rng)):
                return None
            fixed.update(columns)
    return rows


def _moved(rows: Array, row: int, pool: list[int], free: list[int], need: int,
           rng: np.random.Generator) -> bool:
    """Move `need` crimes into `row` from the pool (out of it, if negative), a
    crime at a time, in months drawn in proportion to what can be given."""
    giver, taker = (pool, [row]) if need > 0 else ([row], pool)
    for _ in range(abs(need)):
        held = rows[np.ix_(giver, free)]
        if held.sum() <= 0:
            return False
        pick = _picked(rng, (held / held.sum()).reshape(-1))
        g, month = divmod(pick, len(free))
        rows[giver[g], free[month]] -= 1
        rows[taker[int(rng.integers(len(taker)))], free[month]] += 1
    return True


def _picked(rng: np.random.Generator, p: Array) -> int:
    """rng.choice(len(p), p=p), the same draw from the same stream, without
    its checks of p: this runs for every crime moved, and the checks were
    most of the demo's loading time."""
    cdf = np.cumsum(p)
    cdf /= cdf[-1]
    return int(cdf.searchsorted(rng.random(), side="right"))


def _acceptable(plan: Split, batch: Array, method: stats.Method) -> np.ndarray:
    """Splits whose every part prints its figures, has no run of equal months,
    and (if asked) whose unprinted parts all fell in the 12 months."""
    ok = np.ones(len(batch), dtype=bool)
    for i, part in enumerate(plan.parts):
        x = batch[:, i, :]
        ok &= _plain(x)
        if part.spec.printed:
            matched, _ = _matching(part.spec, _Candidates(x, np.ones_like(x)),
                                   part.spec.wanted(), method)
            ok &= matched
        elif plan.others_fall:
            at = _column(plan.whole)
            ok &= x[:, at - 11:at + 1].sum(axis=1) < x[:, at - 23:at - 11].sum(axis=1)
    return ok
