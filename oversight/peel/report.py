"""The PEEL progress report as plain data: each cause of concern with its
recommendations, then the areas for improvement, with status, latest update
and the sustained-improvement judgement of their measures, as they stood on a
day. The register's progress report page shows it live; a panel report
stores it when published. Dates come out as dates; a stored copy has them as
ISO text."""

from collections.abc import Callable
from datetime import date

from django.db.models import Prefetch

from oversight.peel import evidence
from oversight.peel.models import Finding, Inspection, MonitoringStage, ProgressUpdate
from oversight.peel.presenters import FINDING_COLOURS, RAG_COLOURS
from scorecard.stats import SUSTAINED_MONTHS

# How a text is split for display: [[words, acronym or None], …].
Words = Callable[[str], list[list]]


def plain_words(text: str) -> list[list]:
    return [[text, None]]


def progress_report(inspection: Inspection, as_of: date, month: date | None = None,
                    words: Words = plain_words) -> dict:
    """`month`: the KPI month the measures are judged at (default: their latest);
    `words`: how texts are split for display (a report marks its acronyms)."""
    updates = ProgressUpdate.objects.filter(date__lte=as_of).order_by("-date", "-pk")
    findings = list(inspection.findings.in_report_order().select_related("cause")
                    .prefetch_related(Prefetch("updates", updates)))
    month = evidence.attach_evidence(findings, month)
    stage = MonitoringStage.objects.filter(started_on__lte=as_of).order_by("-started_on").first()
    causes = [f for f in findings if f.kind == Finding.Kind.CAUSE_OF_CONCERN]
    return {
        "inspection": inspection.title, "published_on": inspection.published_on,
        "stage": f"the force has been in {stage.get_stage_display()} since "
                 f"{stage.started_on:%-d %B %Y}" if stage else "",
        "month": month, "sustained_months": SUSTAINED_MONTHS,
        "counts": [{"label": row.label, "kind": {"value": row.kind.value},
                    "cells": [[{"value": s.value, "label": s.label}, n] for s, n in row.cells],
                    "total": row.total}
                   for row in evidence.counts_by_kind_and_status(findings)],
        "statuses": [{"value": s.value, "label": s.label} for s in Finding.Status],
        "causes": [{**_finding(cause, as_of, words), "recommendations": [
            _finding(f, as_of, words) for f in findings if f.cause_id == cause.pk]}
            for cause in causes],
        "improvements": [_finding(f, as_of, words) for f in findings
                         if f.kind == Finding.Kind.AREA_FOR_IMPROVEMENT],
    }


def _finding(finding: Finding, as_of: date, words: Words) -> dict:
    latest = next(iter(finding.updates.all()), None)
    return {
        "reference": finding.reference, "text": words(finding.text),
        "url": finding.get_absolute_url(),
        "status": {"text": finding.get_status_display(),
                   "colour": FINDING_COLOURS[finding.status]},
        "target": finding.target_date, "overdue": finding.is_overdue(as_of),
        "latest": {"date": latest.date, "narrative": latest.narrative,
                   "rag": {"text": f"RAG: {latest.get_rag_display()}",
                           "colour": RAG_COLOURS[latest.rag]}} if latest else None,
        "summary": finding.evidence.summary,
        "measures": [{"label": item.row.label, "verdict": item.sustained.verdict,
                      "judged": item.sustained.judged, "months": item.sustained.months}
                     for item in finding.evidence.evidence],
    }
