"""Reading an Excel (.xlsx) upload without trusting it.

An XLSX is a zip of XML. Before any XML is parsed, its zip directory is
checked: how many members, how large they say they are once unzipped
(Python's zip reader never unzips more than a member says), and how large
its shared strings are (openpyxl loads them all at once). Then openpyxl reads
the first sheet in streaming (read-only) mode, after its declared size is
checked, never padding a row wider than the heading row and stopping at the
row cap. Each refusal is a FileProblem with a plain message.
"""

import datetime as dt
import io
import re
import zipfile
import zlib
from collections.abc import Iterable
from typing import Any

import pandas as pd
import pyarrow as pa

from scorecard.importing.problems import FileProblem

MAX_ROWS = 1_000_000  # rows of data, below the headings
MAX_COLUMNS = 26  # the upload has 8; A to Z leaves room for notes of the force's own
MAX_CELLS = 10_000_000
MAX_MEMBERS = 1_000
MAX_UNZIPPED_BYTES = 400_000_000  # a full 1,000,000-row sheet unzips to about 300 MB
MAX_SHARED_STRINGS_BYTES = 20_000_000
CHUNK_ROWS = 100_000  # rows kept as Python strings at once, then moved to Arrow

NOT_XLSX = "The selected file is not a valid Excel (.xlsx) file"


def check_archive(data: bytes) -> None:
    """Refuse a zip bomb, a fake zip or oversized shared strings, unzipping nothing."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as error:
        raise FileProblem(NOT_XLSX) from error
    if len(members) > MAX_MEMBERS:
        raise FileProblem(f"{NOT_XLSX}: it holds {len(members):,} parts; an Excel file "
                          f"for upload has at most {MAX_MEMBERS:,}")
    unzipped = sum(member.file_size for member in members)
    if unzipped > MAX_UNZIPPED_BYTES:
        raise FileProblem(f"The spreadsheet unzips to {unzipped / 1e6:,.0f} MB; an upload can "
                          f"be at most {MAX_UNZIPPED_BYTES // 1_000_000:,} MB unzipped")
    strings = sum(m.file_size for m in members if m.filename.lower().endswith("sharedstrings.xml"))
    if strings > MAX_SHARED_STRINGS_BYTES:
        raise FileProblem(f"The spreadsheet's text takes {strings / 1e6:,.0f} MB; an upload can "
                          f"hold at most {MAX_SHARED_STRINGS_BYTES // 1_000_000:,} MB of text")


def check_size(rows: int | None, columns: int | None) -> None:
    """The sheet's own declared size (its <dimension>), headings included."""
    if rows is not None and rows - 1 > MAX_ROWS:
        raise FileProblem(f"The spreadsheet says it has {rows:,} rows; an upload can hold "
                          f"at most {MAX_ROWS:,}")
    if columns is not None and columns > MAX_COLUMNS:
        raise FileProblem(f"The spreadsheet says it has {columns:,} columns; an upload can "
                          f"hold at most {MAX_COLUMNS}")
    if rows is not None and columns is not None and rows * columns > MAX_CELLS:
        raise FileProblem(f"The spreadsheet says it has {rows * columns:,} cells; an upload "
                          f"can hold at most {MAX_CELLS:,}")


def read_xlsx(data: bytes) -> pd.DataFrame:
    """The first sheet: headings as given, every cell as stripped text."""
    check_archive(data)
    try:
        return _read_sheet(data)
    except FileProblem:
        raise
    except Exception as error:
        # openpyxl raises whatever its XML, zip or value parsing meets in a
        # malformed file (ParseError, KeyError, IndexError for a bad shared
        # string, TypeError, ...): to the user, all of them are one problem.
        raise FileProblem(NOT_XLSX) from error


def _read_sheet(data: bytes) -> pd.DataFrame:
    from openpyxl import load_workbook

    # Not data_only: a formula must reach the formula check as "=...".
    book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    try:
        if not book.worksheets:
            raise FileProblem(NOT_XLSX)
        sheet = book.worksheets[0]
        check_size(sheet.max_row, sheet.max_column)
        sheet.reset_dimensions()  # checked: from here on, rows are as in the file
        header = _heading_row(sheet)
        columns = _columns(sheet.iter_rows(min_row=2, max_col=len(header), values_only=True),
                           len(header))
    finally:
        book.close()
    return pd.DataFrame({index: pd.Series(column, dtype="str")
                         for index, column in enumerate(columns)}, copy=False
                        ).set_axis([_cell_text(name) for name in header], axis=1)


def _heading_row(sheet: Any) -> tuple:
    first = next(sheet.iter_rows(max_row=1, max_col=MAX_COLUMNS + 1, values_only=True), ())
    header = tuple(first)
    while header and header[-1] is None:
        header = header[:-1]
    if not header:
        raise FileProblem("The selected file is empty")
    if len(header) > MAX_COLUMNS:
        raise FileProblem(f"The spreadsheet has more than {MAX_COLUMNS} columns")
    return header


def _columns(rows: Iterable[tuple], width: int) -> list[pa.ChunkedArray]:
    """Non-blank rows as Arrow text columns, counting blank rows towards the cap
    (a row numbered 1,048,576 makes openpyxl yield every row before it)."""
    chunks: list[list[pa.Array]] = [[] for _ in range(width)]
    batch: list[list[str]] = [[] for _ in range(width)]
    for count, row in enumerate(rows, start=1):
        if count > MAX_ROWS:
            raise FileProblem(f"The spreadsheet has more than {MAX_ROWS:,} rows")
        if not any(cell is not None and cell != "" for cell in row):
            continue
        for index in range(width):
            batch[index].append(_cell_text(row[index]).strip() if index < len(row) else "")
        if len(batch[0]) == CHUNK_ROWS:
            _flush(batch, chunks)
    _flush(batch, chunks)
    return [pa.chunked_array(column, type=pa.large_string()) for column in chunks]


def _flush(batch: list[list[str]], chunks: list[list[pa.Array]]) -> None:
    for index, cells in enumerate(batch):
        chunks[index].append(pa.array(cells, type=pa.large_string()))
        cells.clear()


def _cell_text(cell: object) -> str:
    """Excel's own types as the text the same cell would have in a CSV."""
    if cell is None:
        return ""
    if isinstance(cell, dt.datetime | dt.date):
        return f"{cell:%Y-%m}"
    if isinstance(cell, dt.time):
        return f"{cell:%H:%M:%S}"
    if isinstance(cell, dt.timedelta):
        return str(int(cell.total_seconds()))
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


DIMENSION = re.compile(rb'<(?:\w+:)?dimension ref="[A-Z]+[0-9]+:[A-Z]+([0-9]+)"')
SHEET_HEAD_BYTES = 4_000  # the <dimension> comes before any row


def declared_rows(data: bytes) -> int | None:
    """Rows of data the first sheet says it has, read from the head of its XML
    alone (None: no sheet, no size, or a file that will not open)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            sheets = sorted(name for name in archive.namelist()
                            if name.startswith("xl/worksheets/") and name.endswith(".xml"))
            if not sheets:
                return None
            with archive.open(sheets[0]) as sheet:
                head = sheet.read(SHEET_HEAD_BYTES)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, ValueError, OSError, KeyError):
        return None  # the worker reads it, and says what is wrong with it
    found = DIMENSION.search(head)
    return int(found.group(1)) - 1 if found else None
