"""What a monthly value must be for its measure: one set of rules for the
monthly return form and the bulk upload (see kpi-method.md).

Pure pandas, vectorised: a million uploaded rows are checked in one pass.
"""

from collections.abc import Iterator

import numpy as np
import pandas as pd

NUMBER_COLUMNS = ("value", "numerator", "denominator", "weight")
PROBLEM_COLUMNS = ["row", "column", "message"]
NOTE_MAX_LENGTH = 2_000
# Figures are stored with 18 digits, 4 after the point (scorecard/models.py).
LARGEST = 10**14


def ratio_value(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    """The rate of a ratio month: none (NaN) when the denominator is zero."""
    rate = numerator / denominator.where(denominator != 0) * 100
    return rate.round(4)


def _rules(frame: pd.DataFrame) -> Iterator[tuple[pd.Series, str, str]]:
    """(rows that break the rule, column, message) for each rule."""
    unit, aggregation = frame["unit"], frame["aggregation"]
    value, numerator = frame["value"], frame["numerator"]
    denominator, weight = frame["denominator"], frame["weight"]
    ratio = aggregation == "ratio"
    weighted = aggregation == "weighted_mean"

    for column in NUMBER_COLUMNS:
        yield (frame[column].abs() >= LARGEST, column,
               f"Enter a {column} smaller than {LARGEST:,}")
    yield ~ratio & value.isna(), "value", "Enter a value"
    yield (
        ratio & value.notna(),
        "value",
        "Leave value blank for a ratio measure: the rate is worked out from the "
        "numerator and denominator",
    )
    yield (
        (unit == "count") & value.notna() & (value != value.round()),
        "value",
        "Enter a whole number for a count",
    )
    yield (unit == "count") & (value < 0), "value", "A count cannot be negative"
    yield (unit == "duration") & (value < 0), "value", "A duration cannot be negative"
    yield (
        (unit == "percentage") & (value > 100),
        "value",
        "A percentage cannot be more than 100",
    )
    yield (unit == "percentage") & (value < 0), "value", "A percentage cannot be negative"
    for column in ("numerator", "denominator"):
        yield ratio & frame[column].isna(), column, f"Enter a {column}: this is a ratio measure"
        yield (
            ~ratio & frame[column].notna(),
            column,
            f"Leave {column} blank: this measure is not a ratio",
        )
        yield frame[column] < 0, column, f"The {column} cannot be negative"
    yield (
        numerator > denominator,
        "numerator",
        "The numerator cannot be more than the denominator",
    )
    yield weighted & weight.isna(), "weight", "Enter a weight: this measure is a weighted mean"
    yield ~weighted & weight.notna(), "weight", "Leave weight blank: this measure has no weights"
    yield weight < 0, "weight", "The weight cannot be negative"


def value_problems(frame: pd.DataFrame) -> pd.DataFrame:
    """Every rule each row breaks, as rows of (row, column, message).

    `frame` has the measure's unit and aggregation beside the numbers (floats,
    NaN where blank) and a `row` label to report.
    """
    found = [
        pd.DataFrame({"row": frame.loc[broken, "row"], "column": column, "message": message})
        for broken, column, message in _rules(frame)
        if broken.any()
    ]
    if not found:
        return pd.DataFrame(columns=PROBLEM_COLUMNS)
    return pd.concat(found, ignore_index=True)


def with_ratio_values(frame: pd.DataFrame) -> pd.DataFrame:
    """Fill the value of ratio rows from their numerator and denominator."""
    ratio = frame["aggregation"].to_numpy() == "ratio"
    if ratio.any():
        rates = ratio_value(frame["numerator"], frame["denominator"])
        frame["value"] = np.where(ratio, rates, frame["value"])
    return frame
