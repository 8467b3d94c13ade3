"""The KPI method's figures (kpi-method.md), pure: no ORM, no web code.

A window's figure combines its months by the measure's aggregation.
"""

import pandas as pd


def window_value(months: pd.DataFrame, aggregation: str):
    """One window's figure from its monthly rows (value, numerator, denominator,
    weight), in month order; None when the window has no figure."""
    if months.empty:
        return None
    if aggregation == "sum":
        return float(months["value"].sum())
    if aggregation == "ratio":
        denominator = months["denominator"].sum()
        return float(months["numerator"].sum() / denominator * 100) if denominator else None
    if aggregation == "weighted_mean":
        weight = months["weight"].sum()
        return float((months["value"] * months["weight"]).sum() / weight) if weight else None
    if aggregation == "mean":
        return float(months["value"].mean())
    if aggregation == "latest":
        return float(months["value"].iloc[-1])
    raise ValueError(f"Unknown aggregation {aggregation!r}")
