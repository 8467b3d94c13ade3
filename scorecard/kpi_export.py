"""KPI tables as files: CSV (UTF-8 with a byte-order mark, so Excel reads it
right) and XLSX, holding exactly the figures the page displays."""

import csv
import io
import re
from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from openpyxl import Workbook

from oversight.core.formulas import put_text, safe
from scorecard.kpi_rows import KpiRow, export_columns

if TYPE_CHECKING:
    from _typeshed import SupportsWrite


def table_cells(rows: Sequence[KpiRow], month: date,
                topic: str | None = None) -> tuple[list[str], list[list[str]]]:
    """Header and body of a KPI table (with a Topic column, and every column, if given)."""
    columns = export_columns(rows, month, every_column=topic is not None)
    header = ([] if topic is None else ["Topic"]) + [title for _, title in columns]
    body = [([] if topic is None else [topic]) + [row.cells[key] for key, _ in columns]
            for row in rows]
    return header, body


def write_csv(out: "SupportsWrite[str]", header: list[str], body: Iterable[list[str]]) -> None:
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([safe(text) for text in header])
    writer.writerows([safe(text) for text in line] for line in body)


def csv_bytes(header: list[str], body: Iterable[list[str]], title: str = "") -> bytes:
    """CSV for Excel; `title` (the XLSX sheet's name) has no place in a CSV."""
    out = io.StringIO()
    write_csv(out, header, body)
    return out.getvalue().encode("utf-8-sig")


def xlsx_bytes(header: list[str], body: list[list[str]], title: str) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = re.sub(r"[\\/?*\[\]:]", " ", title)[:31]  # Excel's rules
    for number, line in enumerate([header, *body], start=1):
        for column, text in enumerate(line, start=1):
            put_text(sheet.cell(row=number, column=column), text)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
