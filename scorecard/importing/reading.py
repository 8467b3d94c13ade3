"""Reading an uploaded CSV or XLSX file into a table of text cells."""

import csv
from collections import Counter
from pathlib import PurePath

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from oversight.core import formulas
from scorecard.formats import arrow_text
from scorecard.importing.problems import FileProblem
from scorecard.importing.xlsx import MAX_COLUMNS, declared_rows, read_xlsx

XLSX_SIGNATURE = b"PK\x03\x04"
HEADER_BYTES = 4_000  # room for MAX_COLUMNS headings of 100 characters and more


def read_table(filename: str, data: bytes, limit: int | None = None) -> pd.DataFrame:
    """Every cell as stripped text ("" when blank), headings in lower case.

    `limit` is the largest file accepted, in bytes (uploads: UPLOAD_MAX_BYTES).
    """
    if limit is not None:
        refuse_larger_than(data, limit)
    if not data or data.isspace():  # isspace: no copy of a large file
        raise FileProblem("The selected file is empty")
    suffix = PurePath(filename).suffix.lower()
    if suffix == ".csv" and not data.startswith(XLSX_SIGNATURE) and b"\0" not in data:
        table = _read_csv(data)
    elif suffix == ".xlsx" and data.startswith(XLSX_SIGNATURE):
        table = read_xlsx(data)
    else:
        raise FileProblem("The selected file must be a CSV or an Excel (.xlsx) file")
    table.columns = [str(name).strip().lower() for name in table.columns]
    _refuse_repeated_headings(list(table.columns))  # "Value" and "value " are one heading
    if table.empty:
        raise FileProblem("The selected file has headings but no rows of data")
    return table


def refuse_larger_than(data: bytes, limit: int) -> None:
    if len(data) > limit:
        raise FileProblem(f"The selected file must be smaller than {limit // 1_000_000} MB")


def _refuse_repeated_headings(names: list[str]) -> None:
    repeated = sorted(name for name, count in Counter(names).items() if name and count > 1)
    if repeated:
        listed = ", ".join(f"“{name}”" for name in repeated)
        raise FileProblem(f"The file has the heading {listed} more than once: "
                          "keep one column of each")


def _read_csv(data: bytes) -> pd.DataFrame:
    """Arrow's CSV reader: multi-threaded, and strings kept in Arrow memory."""
    try:
        table = _arrow_csv(data)
    except (pa.ArrowInvalid, UnicodeDecodeError) as error:  # the latter: in the headings
        if isinstance(error, pa.ArrowInvalid) and "UTF8" not in str(error):
            raise FileProblem(f"The file is not a valid CSV file: {error}") from error
        try:  # Excel's "CSV" on Windows
            table = _arrow_csv(data.decode("cp1252").encode("utf-8"))
        except (UnicodeDecodeError, pa.ArrowInvalid) as again:
            raise FileProblem("The file's text could not be read: save it as CSV UTF-8"
                              ) from again
    # No copies: pandas' "str" columns are Arrow large strings, as read, and a
    # column is only rewritten if some cell in it has spaces to trim. Keyed by
    # position, so a repeated heading reaches read_table's check, not a dict.
    return pd.DataFrame({
        index: pd.Series(_trimmed(column), dtype="str")
        for index, column in enumerate(table.columns)
    }, copy=False).set_axis(table.column_names, axis=1)


def _trimmed(cells: pa.ChunkedArray) -> pa.ChunkedArray:
    trimmed = pc.utf8_trim_whitespace(cells)
    return cells if pc.all(pc.equal(trimmed, cells)).as_py() is not False else trimmed


def _arrow_csv(data: bytes) -> pa.Table:
    return pa_csv.read_csv(
        pa.py_buffer(data),
        convert_options=pa_csv.ConvertOptions(
            column_types=_all_text(data), strings_can_be_null=False,
            quoted_strings_can_be_null=False),
    )


def _all_text(data: bytes) -> dict:
    """Read every column as text: numbers are checked, not guessed. A file
    with more columns than an upload can have is refused before the rest is
    read (Arrow keeps buffers for every column: 10,000 of them took 280 MB)."""
    end = data.find(b"\n")
    line = data[: end + 1 if end >= 0 else len(data)]
    try:
        count = len(next(csv.reader([line[:HEADER_BYTES].decode("utf-8", "replace")]), []))
    except csv.Error as error:  # a lone carriage return in the headings, say
        raise FileProblem(f"The file is not a valid CSV file: {error}") from error
    if len(line) > HEADER_BYTES or count > MAX_COLUMNS:
        raise FileProblem(f"The file's first row has more than {MAX_COLUMNS} headings; an "
                          f"upload has at most {MAX_COLUMNS} columns")
    header = pa_csv.read_csv(pa.py_buffer(line))
    return dict.fromkeys(header.column_names, pa.large_string())


def looks_like_formula(cells: pd.Series) -> np.ndarray:
    """oversight.core.formulas' rule over every cell, in Arrow."""
    text = arrow_text(cells)
    starts = pc.fill_null(pc.match_substring_regex(text, formulas.ARROW_START), False)
    found = starts.to_numpy(zero_copy_only=False)
    if found.any():  # only cells that start like a formula can be plain numbers instead
        at = np.flatnonzero(found)
        found[at] = ~pc.match_substring_regex(text.take(at), formulas.ARROW_NUMBER).to_numpy(
            zero_copy_only=False)
    return found


def formula_cells(table: pd.DataFrame) -> pd.DataFrame:
    """(index, column) of every cell that looks like a formula."""
    found = [
        pd.DataFrame({"index": table.index[hits], "column": column})
        for column in table.columns
        if (hits := looks_like_formula(table[column])).any()
    ]
    return pd.concat(found) if found else pd.DataFrame(columns=["index", "column"])


def estimated_rows(filename: str, data: bytes) -> int | None:
    """Rows of data in a file, told without reading it (None: cannot tell).

    A CSV's line breaks (quoted ones count too, so never an underestimate of
    the work); an XLSX's first sheet as it declares its size. Enough to
    choose between checking a file in the request and in the worker."""
    if PurePath(filename).suffix.lower() == ".xlsx":
        return declared_rows(data)
    lines = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
    return max(lines - 1, 0)
