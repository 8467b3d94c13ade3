"""The s.12 annual report's document: its own text, and the year's published
quarterly highlight reports, read from their snapshots alone: each priority's
outcomes as each quarter's report published them. A draft report of the year
is not part of it."""

from datetime import date
from typing import TYPE_CHECKING, Any

from panel_reports.models import Report

if TYPE_CHECKING:
    from panel_reports.models import AnnualReport


def year_reports(start: date) -> list[Report]:
    """The year's published reports (the latest version of each period)."""
    end = date(start.year + 1, 3, 1)
    found = Report.objects.published().filter(period_end__gte=start, period_end__lte=end)
    latest: dict[tuple[date, date], Report] = {}
    for report in found.order_by("period_end", "version"):
        latest[(report.period_start, report.period_end)] = report
    return list(latest.values())


def annual_report_document(report: "AnnualReport") -> dict[str, Any]:
    quarters = year_reports(report.year_start)
    priorities: dict[str, list[dict[str, Any]]] = {}
    for quarter in quarters:
        for part in (quarter.snapshot or {}).get("parts", []):
            if part["kind"] == "priority":
                priorities.setdefault(part["title"], []).append(
                    {"period": quarter.period, "outcomes": part["outcomes"]})
    return {
        "year": report.year_label, "foreword": report.foreword, "progress": report.progress,
        "panel_questions": report.panel_questions,
        "quarters": [{"title": q.title, "period": q.period, "pk": q.pk,
                      "published_on": q.published_at} for q in quarters],
        "priorities": [{"title": title, "quarters": found}
                       for title, found in priorities.items()],
    }
