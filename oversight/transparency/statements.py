"""The 7A statement's document: each national priority, whether it applies
locally and why, and the figures of the force's measures tagged to it, at the
statement's month (the KPI tables' own figures: scorecard/kpi_rows.py)."""

from typing import TYPE_CHECKING, Any

from scorecard.formats import month_label
from scorecard.queries import active_measures, rows_at

if TYPE_CHECKING:
    from oversight.transparency.models import NationalPrioritiesStatement

SHOWN = ["month", "twelve_months", "year_on_year", "trend"]


def national_priorities_document(statement: "NationalPrioritiesStatement") -> dict[str, Any]:
    month = statement.reference_month
    contributions = list(statement.contributions.select_related("priority"))
    measures = active_measures().filter(
        national_priority__in=[c.priority_id for c in contributions])
    rows = [row for row in rows_at(month, measures) if row.area.is_force]
    return {
        "month": month, "month_label": month_label(month),
        "introduction": statement.introduction,
        "headers": {"measure": "Measure", "month": month_label(month),
                    "twelve_months": f"12 months to {month_label(month)}",
                    "year_on_year": "Year on year", "trend": "Rolling 12-month trend"},
        "priorities": [
            {"title": c.priority.title, "applies": c.applies, "why": c.why,
             "measures": [{"name": row.label, **{name: row.cells.get(name, "")
                                                   for name in SHOWN}}
                          for row in rows if row.measure.national_priority_id == c.priority_id]}
            for c in contributions],
    }
