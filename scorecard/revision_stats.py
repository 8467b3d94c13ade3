"""Revisions as a data-quality figure (pure pandas): for each measure and area,
how many of its values were revised after they were first entered, by how
much, and how long after their month. What a panel would ask the force about.

A value is revised when its history holds any entry after the first: a
change, a removal, or a re-entry after a removal. The size of a revision
of a value still held is the change from the figure first entered to the
one held now, as a share of the first (a removal is counted, not sized);
its lag the days from the end of its month to its latest revision.
"""

import numpy as np
import pandas as pd

COLUMNS = ["measure", "area", "values", "revised", "share", "median_change", "largest_change",
           "removed", "median_days"]


def revision_figures(held: pd.DataFrame, revised: pd.DataFrame) -> pd.DataFrame:
    """`held`: measure, area, values (how many values each series holds or has
    held). `revised`: one row per revised value: measure, area, first, last
    (the figure first entered and the latest; NaN if none), removed (bool),
    days (from its month's end to its latest revision). One row a series of
    `held` (COLUMNS); share and changes in per cent, NaN where nothing to measure."""
    keys = ["measure", "area"]
    frame = revised.copy()
    with np.errstate(divide="ignore", invalid="ignore"):
        frame["change"] = (frame["last"] - frame["first"]).abs() / frame["first"].abs() * 100
    frame.loc[~np.isfinite(frame["change"]) | frame["removed"], "change"] = np.nan
    per_series = frame.groupby(keys).agg(
        revised=("first", "size"), median_change=("change", "median"),
        largest_change=("change", "max"), removed=("removed", "sum"),
        median_days=("days", "median")).reset_index()
    table = held[keys + ["values"]].merge(per_series, on=keys, how="left")
    table["revised"] = table["revised"].fillna(0).astype(int)
    table["removed"] = table["removed"].fillna(0).astype(int)
    table["share"] = np.where(table["values"] > 0,
                              table["revised"] / table["values"].where(table["values"] > 0) * 100,
                              np.nan)
    return table[COLUMNS]
