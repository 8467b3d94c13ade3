"""Checking a file of monthly values: every row, before anything is written."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from scorecard.formats import arrow_text, durations_to_seconds, months_in, numbers_in
from scorecard.importing.reading import FileProblem, formula_cells
from scorecard.rules import (
    NOTE_MAX_LENGTH,
    NUMBER_COLUMNS,
    PROBLEM_COLUMNS,
    value_problems,
    with_ratio_values,
)

COLUMNS = ["measure", "area", "month", "value", "numerator", "denominator", "weight", "note"]
REQUIRED = ["measure", "area", "month"]
KEY = ["measure_id", "area_id", "month"]
# Spreadsheet row numbers: the headings are row 1.
FIRST_ROW = 2


@dataclass(frozen=True)
class Catalogue:
    """What uploaded rows are checked against, read in a few queries."""

    measures: pd.DataFrame  # code, measure_id, unit, aggregation
    areas: pd.DataFrame  # key (code or name, lower case), area_id
    reported: pd.DataFrame  # measure_id, area_id

    @classmethod
    def load(cls) -> "Catalogue":
        from scorecard.models import Area, Measure, MeasureArea

        measures = pd.DataFrame(
            Measure.objects.values_list("code", "id", "unit", "aggregation"),
            columns=["measure", "measure_id", "unit", "aggregation"],
        )
        named = list(Area.objects.values_list("code", "name", "id"))
        areas = pd.DataFrame(
            [(code.lower(), pk) for code, _, pk in named]
            + [(name.lower(), pk) for _, name, pk in named],
            columns=["area_key", "area_id"],
        ).drop_duplicates("area_key")
        reported = pd.DataFrame(
            MeasureArea.objects.values_list("measure_id", "area_id"),
            columns=["measure_id", "area_id"],
        )
        return cls(measures, areas, reported)


@dataclass
class CheckedValues:
    parts: list[pd.DataFrame]  # in file order: KEY, the numbers and note, the row number
    problems: pd.DataFrame  # row, column, message

    @property
    def ok(self) -> bool:
        return self.problems.empty


def check_columns(table: pd.DataFrame, allowed: list[str], required: list[str]) -> None:
    missing = [name for name in required if name not in table.columns]
    if missing:
        raise FileProblem(f"The file must have a column headed “{missing[0]}”")
    unknown = [name for name in table.columns if name not in allowed]
    if unknown:
        raise FileProblem(
            f"The file has a column headed “{unknown[0]}”, which is not one we use. "
            f"Use only: {', '.join(allowed)}"
        )
    for name in allowed:
        if name not in table.columns:
            table[name] = ""


SHOWN_CHARACTERS = 60

# Rows are checked this many at a time, so the working columns a check makes
# are those of one part of the file, not of all of it (a million rows at once
# peaked 100 MB higher).
PART_ROWS = 200_000


def check_values(table: pd.DataFrame, catalogue: Catalogue, this_month: date,
                 progress: Callable[[int], None] | None = None) -> CheckedValues:
    """Check every row; `table` is the file read by reading.read_table.
    `progress` is told how many rows are checked after each part."""
    check_columns(table, COLUMNS, REQUIRED)
    parts = []
    for start in range(0, len(table), PART_ROWS):
        parts.append(_check_part(table.iloc[start:start + PART_ROWS], FIRST_ROW + start,
                                 catalogue, this_month))
        if progress:
            progress(min(start + PART_ROWS, len(table)))
    checked = [rows for rows, _ in parts]
    problems = [p for _, found in parts for p in found] + [_duplicate_problems(checked)]
    found = pd.concat([p for p in problems if not p.empty] or [problems[0]], ignore_index=True)
    return CheckedValues([rows for rows, _ in parts],
                         found.sort_values("row", kind="stable").reset_index(drop=True))


def _check_part(part: pd.DataFrame, first_row: int, catalogue: Catalogue,
                this_month: date) -> tuple[pd.DataFrame, list[pd.DataFrame]]:
    """Every check of one row on its own (all but repeated rows): the part's
    checked rows, and its problems found by each check."""
    frame = part.reset_index(drop=True)
    frame["row"] = np.arange(first_row, first_row + len(frame))
    formulas = _formula_problems(frame)
    problems = [formulas, _length_problems(frame)]
    _look_up(frame, catalogue)
    problems += [_catalogue_problems(frame), _month_problems(frame, this_month)]
    unreadable = _parse_numbers(frame)
    problems.append(unreadable)
    # Rows with an unreadable cell are not checked further: one message a cell.
    unread = frame["row"].isin(unreadable["row"]) | frame["row"].isin(formulas["row"])
    known = frame[frame["measure_id"].notna() & ~unread]
    problems.append(value_problems(known))
    rows = with_ratio_values(frame)
    return rows[[*KEY, *NUMBER_COLUMNS, "note", "row"]], problems


def _look_up(frame: pd.DataFrame, catalogue: Catalogue) -> None:
    """Measure, unit, aggregation and area of each row, by lookups in Arrow (no
    merges: a merge copies every column of a million-row frame; no Python
    strings: a million of them cost 60 MB each time)."""
    measures, areas = catalogue.measures, catalogue.areas
    at = _positions(arrow_text(frame["measure"]), measures["measure"])
    where = _positions(pc.utf8_lower(arrow_text(frame["area"])), areas["area_key"])
    measure_ids = _taken(measures["measure_id"].to_numpy(), at)
    area_ids = _taken(areas["area_id"].to_numpy(), where)
    frame["measure_id"] = np.where(at >= 0, measure_ids, np.nan)
    frame["area_id"] = np.where(where >= 0, area_ids, np.nan)
    for column in ("unit", "aggregation"):  # categories: a byte a row, not an object
        kinds = pd.Categorical(measures[column])
        frame[column] = pd.Categorical.from_codes(
            np.where(at >= 0, _taken(kinds.codes, at), -1), dtype=kinds.dtype)
    reported = catalogue.reported
    pairs = _pair_keys(reported["measure_id"].to_numpy(), reported["area_id"].to_numpy())
    frame["reported"] = (at >= 0) & (where >= 0) & np.isin(
        _pair_keys(measure_ids, area_ids), pairs)


def _positions(cells: pa.Array, keys: pd.Series) -> np.ndarray:
    """Where each cell is in `keys`, or -1."""
    found = pc.index_in(cells, value_set=pa.array(keys.tolist(), type=pa.large_string()))
    return pc.fill_null(found, -1).to_numpy(zero_copy_only=False).astype(np.int64)


def _taken(values: np.ndarray, at: np.ndarray) -> np.ndarray:
    """values[at] as integers; 0 where `at` is -1 (the callers mask those)."""
    return values.astype(np.int64)[at] if len(values) else np.zeros(len(at), dtype=np.int64)


def _pair_keys(measure_ids: np.ndarray, area_ids: np.ndarray) -> np.ndarray:
    """One integer per (measure, area): ids are far below 2**31."""
    return measure_ids.astype(np.int64) << 32 | area_ids.astype(np.int64)


def _shown(cells: pd.Series) -> pd.Series:
    """A cell quoted in a message: its start, if the file put a whole book in it."""
    return cells.str.slice(0, SHOWN_CHARACTERS)


def _length_problems(frame: pd.DataFrame) -> pd.DataFrame:
    long = pc.greater(pc.utf8_length(arrow_text(frame["note"])), NOTE_MAX_LENGTH)
    return _problems(frame, long.to_numpy(zero_copy_only=False), "note",
                     f"A note can be at most {NOTE_MAX_LENGTH:,} characters")


def _problems(frame: pd.DataFrame, broken: Any, column: str,
              message: str | Callable[[pd.DataFrame], Any]) -> pd.DataFrame:
    """Problems for the rows where `broken` holds; `message` is text, or a
    function of those rows (so a message is only written for a broken row)."""
    rows = frame.loc[broken]
    return pd.DataFrame(
        {"row": rows["row"], "column": column,
         "message": message(rows) if callable(message) else message}
    )


def _formula_problems(frame: pd.DataFrame) -> pd.DataFrame:
    """Report formula cells, then blank them so no other check repeats them."""
    cells = formula_cells(frame[COLUMNS])
    for column, group in cells.groupby("column"):
        frame.loc[group["index"], column] = ""
    return pd.DataFrame(
        {
            "row": frame.loc[cells["index"], "row"].to_numpy(),
            "column": cells["column"].to_numpy(),
            "message": "This cell looks like a spreadsheet formula: enter the value itself",
        },
        columns=PROBLEM_COLUMNS,
    )


def _catalogue_problems(frame: pd.DataFrame) -> pd.DataFrame:
    unknown_measure = frame["measure_id"].isna()
    unknown_area = frame["area_id"].isna()
    not_reported = ~unknown_measure & ~unknown_area & ~frame["reported"]
    return pd.concat(
        [
            _problems(
                frame, unknown_measure, "measure",
                lambda rows: "There is no measure with the code “" + _shown(rows["measure"]) + "”",
            ),
            _problems(
                frame, unknown_area, "area",
                lambda rows: "There is no area with the code or name “" + _shown(rows["area"])
                + "”",
            ),
            _problems(
                frame, not_reported, "area",
                lambda rows: "Measure " + rows["measure"] + " is not reported for "
                + rows["area"],
            ),
        ]
    )


def _month_problems(frame: pd.DataFrame, this_month: date) -> pd.DataFrame:
    parsed = months_in(frame["month"])
    good = parsed.notna()
    frame["month"] = parsed
    future = good & (parsed > pd.Timestamp(this_month))
    return pd.concat(
        [
            _problems(
                frame, ~good, "month",
                "Enter the month as YYYY-MM, for example 2023-10",
            ),
            _problems(
                frame, future, "month",
                f"The month cannot be in the future (after {this_month:%Y-%m})",
            ),
        ]
    )


def _parse_numbers(frame: pd.DataFrame) -> pd.DataFrame:
    """Turn the number columns into floats, reporting text that is not a number."""
    found = []
    duration = (frame["unit"] == "duration").to_numpy()
    for column in NUMBER_COLUMNS:
        text = frame[column]
        numbers = numbers_in(text)
        if column == "value" and duration.any():
            timed = duration & numbers.isna().to_numpy()
            numbers[timed] = durations_to_seconds(text[timed])
        bad = ((text != "") & numbers.isna()).to_numpy()
        if bad.any():
            message = np.where(
                duration[bad] & (column == "value"),
                "Enter a duration as seconds or as hh:mm:ss, for example 01:33:15",
                f"Enter a number in {column}",
            )
            found.append(pd.DataFrame(
                {"row": frame["row"].to_numpy()[bad], "column": column, "message": message}))
        frame[column] = numbers
    return pd.concat(found) if found else pd.DataFrame(columns=PROBLEM_COLUMNS)


def _duplicate_problems(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """Rows whose measure, area and month an earlier row has.

    Each row's key is packed into one integer and repeats are found by a
    stable sort of those (the first in file order stays first): no copy of
    the parts' columns and no hash table of three (at a million rows the two
    took 77 MB at the import's peak). Rows with an unknown key repeat nothing."""
    known = np.concatenate([rows[KEY].notna().all(axis=1).to_numpy() for rows in parts])
    packed = np.concatenate([_packed_keys(rows) for rows in parts])
    packed[~known] = np.arange(-1, -1 - (~known).sum(), -1)  # each unknown key its own
    order = np.argsort(packed, kind="stable")
    ordered = packed[order]
    repeated = np.zeros(len(packed), dtype=bool)
    repeated[order[1:]] = ordered[1:] == ordered[:-1]
    if not repeated.any():
        return pd.DataFrame(columns=PROBLEM_COLUMNS)
    rows = np.concatenate([part["row"].to_numpy() for part in parts])
    first = pd.Series(rows).groupby(packed, sort=False).transform("min").to_numpy()
    return pd.DataFrame({
        "row": rows[repeated], "column": "measure",
        "message": [f"This row repeats the measure, area and month of row {row}"
                    for row in first[repeated]],
    })


def _packed_keys(rows: pd.DataFrame) -> np.ndarray:
    """measure << 42 | area << 21 | month (months from 1970, shifted to be positive);
    rows with a key part missing get an arbitrary value (see _duplicate_problems)."""
    month = rows["month"].to_numpy().astype("datetime64[M]").astype(np.int64) + 2**19
    measure = rows["measure_id"].fillna(0).to_numpy(np.int64)
    area = rows["area_id"].fillna(0).to_numpy(np.int64)
    return (measure << 42) | (area << 21) | month
