"""Open data: every table the public site publishes, as CSV with a CSV on the
Web metadata file (W3C CSVW: its columns, their types and the licence), under
the Open Government Licence, at a stable address. Built from published
records alone: the decisions register, and each published report's KPI
tables as its snapshot holds them."""

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils.timezone import localtime

from oversight.core.formulas import safe
from oversight.core.publications import Publication
from oversight.transparency.models import Decision
from panel_reports.models import Report
from panel_reports.topic_parts import CELLS
from scorecard.kpi_rows import FIGURES

OGL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
OGL_NAME = "Open Government Licence v3.0"
CSVW_CONTEXT = "http://www.w3.org/ns/csvw"


@dataclass(frozen=True)
class Column:
    name: str
    title: str
    datatype: str = "string"  # a CSVW datatype: string, date, integer, number


@dataclass(frozen=True)
class Dataset:
    name: str  # its address: /public/open-data/<name>.csv
    title: str
    description: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Any, ...], ...]
    modified: datetime | None


DECISION_COLUMNS = (
    Column("number", "Number"), Column("date", "Date of decision", "date"),
    Column("title", "Title"), Column("summary", "Summary"),
    Column("decision_maker", "Decision maker"), Column("version", "Version", "integer"),
    Column("published", "Published", "date"),
)
KPI_COLUMNS = (
    Column("topic", "Topic"), Column("measure", "Measure"),
    Column("reference_month", "Month of the table", "date"),
    *(Column(name, text[0].upper() + text[1:]) for name, text in FIGURES.items()),
    Column("thresholds", "Thresholds"),
)


def decisions() -> Dataset:
    found = list(Publication.objects.current().of_kind(Decision.public_kind)
                 .order_by("-document__date", "-key"))
    rows = tuple(
        (d["number"], d["date"], d["title"], d["summary"], d["decision_maker"], p.version,
         localtime(p.published_at).date().isoformat())
        for p in found for d in [p.document])
    return Dataset("decisions", "Decisions register",
                   "Decisions of significant public interest: number, date, title, summary "
                   "and who made each.", DECISION_COLUMNS, rows,
                   max((p.published_at for p in found), default=None))


def report_name(report: Report) -> str:
    return f"highlight-report-{report.period_end:%Y-%m}-v{report.version}-kpi-tables"


def report_kpis(report: Report) -> Dataset:
    """A published report's KPI tables, as printed in it (its snapshot)."""
    snapshot = report.snapshot or {}
    rows = tuple(
        (part["title"], row["text"], part["month"][:10],
         *(row["cells"].get(name, "") for name in CELLS))
        for part in snapshot.get("parts", []) if part["kind"] == "topic"
        for row in part["rows"])
    return Dataset(report_name(report), f"{report.title}: KPI tables",
                   f"Every KPI table of the {report.title}, as published.", KPI_COLUMNS, rows,
                   report.published_at)


def published_reports() -> Iterator[Report]:
    return iter(Report.objects.published().order_by("-period_end", "-version"))


def all_datasets() -> list[Dataset]:
    return [decisions(), *(report_kpis(report) for report in published_reports())]


def dataset(name: str) -> Dataset | None:
    if name == "decisions":
        return decisions()
    return next((report_kpis(r) for r in published_reports() if report_name(r) == name), None)


def csv_text(found: Dataset) -> str:
    """The dataset as CSV: a header row of column names, then the rows; text
    that a spreadsheet could run as a formula is quoted (core/formulas.py)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(column.name for column in found.columns)
    for row in found.rows:
        writer.writerow(safe(str(cell)) if isinstance(cell, str) else cell for cell in row)
    return out.getvalue()


def metadata(found: Dataset, csv_url: str, publisher: str) -> dict[str, Any]:
    """The CSVW metadata of the dataset's CSV (W3C "Metadata Vocabulary for
    Tabular Data"), with its licence and publisher."""
    modified = ({"dc:modified": {"@value": localtime(found.modified).date().isoformat(),
                                 "@type": "xsd:date"}} if found.modified else {})
    return {
        "@context": CSVW_CONTEXT,
        "url": csv_url,
        "dc:title": found.title,
        "dc:description": found.description,
        "dc:publisher": publisher,
        "dc:license": {"@id": OGL},
        **modified,
        "tableSchema": {
            "columns": [{"name": c.name, "titles": c.title, "datatype": c.datatype}
                        for c in found.columns],
        },
        "dialect": {"header": True, "lineTerminators": ["\r\n"]},
    }

