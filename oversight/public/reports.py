"""Published highlight reports as the public reads them: only published
versions, each read from its snapshot alone."""

from datetime import datetime

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from panel_reports.models import Report
from panel_reports.printing import SNAPSHOTS


def published_report(request: HttpRequest, pk: int) -> Report:
    """A published report, whoever asks (the public site's reports are public)."""
    return get_object_or_404(Report.objects.published().select_related(
        "meeting", "corrects", "correction").defer(*SNAPSHOTS), pk=pk)


def report_published_at(request: HttpRequest, pk: int, **kwargs: object) -> datetime | None:
    """When the report's page last changed: its publication, or its correction's."""
    report = published_report(request, pk)
    later = report.correction.published_at if (
        hasattr(report, "correction") and report.correction.is_published) else None
    return max(filter(None, [report.published_at, later]), default=None)

