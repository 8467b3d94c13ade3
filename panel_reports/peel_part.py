"""The PEEL progress report as a part of a panel report: as it stood at the
period's end, its measures judged at the report's month."""

from typing import TYPE_CHECKING

from oversight.peel.report import progress_report
from panel_reports.glossary import Marker

if TYPE_CHECKING:
    from panel_reports.models import Report


def peel_part(report: "Report", marker: Marker) -> dict | None:
    if report.inspection is None:
        return None
    return {"kind": "peel", "slug": "peel", "title": "PEEL progress report", "level": 1,
            **progress_report(report.inspection, report.period_end_day,
                              report.reference_month, marker.segments)}
