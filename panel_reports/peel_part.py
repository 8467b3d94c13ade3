"""The PEEL progress report as a part of a panel report, in plain data: the
same findings, order, latest updates and sustained-improvement judgements as
the register's progress report, as they stood at the report's period end."""

from django.db.models import Prefetch

from oversight import findings as evidence
from oversight.models import Finding, MonitoringStage, ProgressUpdate
from oversight.presenters import FINDING_COLOURS, RAG_COLOURS
from scorecard.stats import SUSTAINED_MONTHS


def peel_part(report, marker) -> dict | None:
    inspection = report.inspection
    if inspection is None:
        return None
    as_of = report.period_end_day
    updates = ProgressUpdate.objects.filter(date__lte=as_of).order_by("-date", "-pk")
    findings = list(inspection.findings.in_report_order().select_related("cause")
                    .prefetch_related(Prefetch("updates", updates)))
    evidence.attach_evidence(findings, report.reference_month)
    stage = MonitoringStage.objects.filter(started_on__lte=as_of).order_by("-started_on").first()
    causes = [f for f in findings if f.kind == Finding.Kind.CAUSE_OF_CONCERN]
    return {
        "kind": "peel", "slug": "peel", "title": "PEEL progress report", "level": 1,
        "inspection": inspection.title,
        "published_on": inspection.published_on,
        "stage": f"{stage.get_stage_display()} since {stage.started_on:%-d %B %Y}"
        if stage else "",
        "sustained_months": SUSTAINED_MONTHS,
        "counts": [{"label": row.label, "cells": [count for _, count in row.cells],
                    "total": row.total}
                   for row in evidence.counts_by_kind_and_status(findings)],
        "statuses": [status.label for status in Finding.Status],
        "causes": [{**_finding(cause, as_of, marker), "recommendations": [
            _finding(f, as_of, marker) for f in findings if f.cause_id == cause.pk]}
            for cause in causes],
        "improvements": [_finding(f, as_of, marker) for f in findings
                         if f.kind == Finding.Kind.AREA_FOR_IMPROVEMENT],
    }


def _finding(finding, as_of, marker) -> dict:
    latest = next(iter(finding.updates.all()), None)
    return {
        "reference": finding.reference, "text": marker.segments(finding.text),
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
