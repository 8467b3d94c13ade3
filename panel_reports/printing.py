"""A report as a printed document: its PDF, printed once at publication
(panel_reports/tasks.py) and kept, and the same document for the browser's Print."""

from datetime import datetime
from functools import lru_cache

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse

from oversight.core.pdf import PrintedDocument
from panel_reports import document
from panel_reports.models import Report

PRINT_STYLES = ("css/app.css", "css/print.css", "css/print-landscape.css")


# The stored documents are large: a page reads them only through document_of.
SNAPSHOTS = ("snapshot", "corrects__snapshot", "correction__snapshot")


def readable(request: HttpRequest, pk: int) -> Report:
    return get_object_or_404(Report.objects.visible_to(request.user).select_related(
        "meeting", "corrects", "correction").defer(*SNAPSHOTS), pk=pk)


def document_of(report: Report) -> dict:
    """The published snapshot, or the draft as it would be published now."""
    if report.is_published:  # it has a snapshot, by a constraint
        return published_document(report.pk, report.published_at)
    return document.build(report)


@lru_cache(maxsize=16)
def published_document(pk: int, published_at: datetime) -> dict:
    """A published report's document, read and parsed once a process: it never
    changes (a trigger refuses it), so every reader's page shares it."""
    found: dict = Report.objects.published().values_list("snapshot", flat=True).get(pk=pk)
    return found


def page_heading(report: Report) -> str:
    return f"Police and Crime Panel: {report.title}"


REPORT_DOCUMENT = PrintedDocument(
    template="panel_reports/document.html", styles=PRINT_STYLES, fetch=readable,
    heading=page_heading,
    context=lambda report: {"report": report, "document": document_of(report)},
    filename=lambda report: f"highlight-report-{report.period_end:%Y-%m}-v{report.version}.pdf",
    back=lambda report: reverse("panel_reports:whole", args=[report.pk]))
