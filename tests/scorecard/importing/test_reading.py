"""Reading an uploaded file (scorecard/importing/reading.py): CSV and XLSX with their
own types, Windows text, a byte order mark, spaces around cells, and the problems
of a whole file."""

import io
import re

import pytest
from django.test import override_settings

from scorecard.importing.reading import FileProblem, estimated_rows, read_table
from scorecard.models import MonthlyValue
from tests.scorecard.importing.runs import run
from tests.scorecard_data import HEADER, csv_file


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("values.csv", b"", "The selected file is empty"),
        ("values.csv", HEADER.encode(), "The selected file has headings but no rows of data"),
        ("values.pdf", b"%PDF-1.4", "The selected file must be a CSV or an Excel (.xlsx) file"),
        ("values.xlsx", b"measure,area\n",
         "The selected file must be a CSV or an Excel (.xlsx) file"),
        ("values.csv", b"measure,month\nX,2023-10\n", "The file must have a column headed “area”"),
        ("values.csv", b"measure,area,month,valeu\nX,Y,2023-10,1\n",
         "The file has a column headed “valeu”, which is not one we use. Use only: measure, "
         "area, month, value, numerator, denominator, weight, note"),
    ],
)
def test_whole_file_problems(catalogue, name, data, message):
    with pytest.raises(FileProblem, match=re.escape(message)):
        run(data, name=name)


def test_a_file_over_the_size_limit_is_rejected(catalogue):
    data = csv_file(*["CALLS,FORCE,2023-10,5,,,,"] * 100)
    with override_settings(UPLOAD_MAX_BYTES=1000), pytest.raises(
        FileProblem, match="The selected file must be smaller than 0 MB"
    ):
        run(data, limit=1000)


def test_xlsx_files_are_read_with_their_own_types(catalogue):
    from datetime import datetime, time

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["measure", "area", "month", "value", "weight"])
    sheet.append(["WAIT", "COUNTY", datetime(2023, 10, 1), time(0, 1, 5), 900])
    sheet.append(["CALLS", "FORCE", "2023-10", "=SUM(B1:B2)", None])
    buffer = io.BytesIO()
    book.save(buffer)
    outcome = run(buffer.getvalue(), name="values.xlsx")
    assert [tuple(p) for p in outcome.checked.problems.itertuples(index=False)] == [
        (3, "value", "This cell looks like a spreadsheet formula: enter the value itself")
    ]


def test_windows_csv_text_is_read(catalogue):
    data = csv_file("CALLS,FORCE,2023-10,9429,,,,Caf\u00e9 figure").decode().encode("cp1252")
    run(data)
    assert MonthlyValue.objects.get().note == "Café figure"


def test_a_byte_order_mark_is_ignored(catalogue):
    run(b"\xef\xbb\xbf" + csv_file("CALLS,FORCE,2023-10,9429,,,,"))
    assert MonthlyValue.objects.get().value == 9429


def test_cells_are_read_without_the_spaces_around_them(catalogue):
    run(csv_file(" CALLS ,FORCE\u00a0,\t2023-10, 9429 ,,,,  Revised  "))
    stored = MonthlyValue.objects.get()
    assert (stored.measure.code, stored.area.code, stored.value, stored.note) == (
        "CALLS", "FORCE", 9429, "Revised")


@pytest.mark.parametrize("data, rows", [
    (b"measure,area\nA,B\nC,D\n", 2), (b"measure,area\nA,B\nC,D", 2), (b"measure,area\n", 0),
    (b'measure,note\nA,"two\nlines"\n', 2),  # never fewer than there are
])
def test_a_csv_s_rows_are_told_from_its_line_breaks(data, rows):
    assert estimated_rows("values.csv", data) == rows


def test_a_spreadsheet_s_rows_are_told_from_the_size_it_declares():
    from openpyxl import Workbook

    book = Workbook()
    for number in range(11):
        book.active.append(["heading" if number == 0 else "cell", number])
    data = io.BytesIO()
    book.save(data)
    assert estimated_rows("values.xlsx", data.getvalue()) == 10
    assert estimated_rows("values.xlsx", b"PK\x03\x04 not a zip") is None


def test_headings_in_windows_text_are_read_as_such():
    assert list(read_table("values.csv", b"meas\xe6ure,area\nA,B\n").columns) == [
        "measæure", "area"]


def test_headings_that_cannot_be_read_are_a_plain_problem():
    with pytest.raises(FileProblem, match="The file is not a valid CSV file"):
        read_table("values.csv", b"measure,a\rrea\nA,B\n")


def test_a_spreadsheet_whose_sheet_will_not_unzip_is_left_to_the_worker():
    from openpyxl import Workbook

    data = io.BytesIO()
    Workbook().save(data)
    broken = bytearray(data.getvalue())
    start = broken.index(b"xl/worksheets/sheet1.xml") + len("xl/worksheets/sheet1.xml")
    broken[start + 10:start + 40] = b"\xff" * 30  # its compressed data, mangled
    assert estimated_rows("values.xlsx", bytes(broken)) is None


def test_formula_cells_are_found_among_plain_numbers_and_text():
    import pandas as pd

    from scorecard.importing.reading import looks_like_formula

    cells = pd.Series(["12", "-5", "=SUM(A1)", "note", "+1.5", "-1+HYPERLINK(x)", "@x", "",
                       "2e3", "\t=1"], dtype="str")
    assert looks_like_formula(cells).tolist() == [
        False, False, True, False, False, True, True, False, False, True]
    assert looks_like_formula(pd.Series(["a", "b"], dtype="str")).tolist() == [False, False]
