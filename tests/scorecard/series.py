"""Small series worked by hand for the KPI method's tests: one series' figures at a
month, a fixed baseline of 9, 11, 9, 11, … and series mirrored about its centre."""

import numpy as np
import pandas as pd

from scorecard.stats import Method, kpi_figures

M = 2023 * 12 + 9  # Oct-2023 as a month number
SIGMA = 2 / 1.128  # the fixed baseline below: 9, 11, 9, 11, ... (mean 10, moving range 2)


def figures(values, *, aggregation="sum", unit="count", polarity="neutral", month=M,
            start=None, baseline=None, method=None, **columns):
    """One series' figures at `month`; `values` are its months ending at `start`
    (default: ending at `month`), None for a month without data."""
    first = (start if start is not None else month) - len(values) + 1
    rows = pd.DataFrame({"series": 0, "month": range(first, first + len(values)),
                         "value": values, **columns})
    for name in ("numerator", "denominator", "weight"):
        rows[name] = rows.get(name, np.nan)
    rows = rows[rows["value"].notna() | rows["numerator"].notna()]
    series = pd.DataFrame({
        "aggregation": [aggregation], "unit": [unit], "polarity": [polarity],
        "baseline_start": [baseline[0] if baseline else np.nan],
        "baseline_end": [baseline[1] if baseline else np.nan],
    })
    return kpi_figures(rows, series, [month], method or Method()).iloc[0]


def with_fixed_baseline(recent, **options):
    """12 baseline months 9, 11, … (centre 10, sigma 2/1.128), then `recent`,
    the last of which is month M."""
    values = [9, 11] * 6 + list(recent)
    return figures(values, baseline=(M - len(values) + 1, M - len(recent)), **options)


def mirrored(recent):
    """The same months reflected about the centre line 10."""
    return [20 - x for x in recent]


def mirrored_with_gaps(recent):
    return [None if x is None else 20 - x for x in recent]
