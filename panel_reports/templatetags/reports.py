"""Rendering a report's document (plain JSON data) in templates: its tables and
its charts. (Stored dates and tags use the portal's `day` and `as_tag` filters.)"""

from datetime import date
from typing import Any

from django import template

from oversight.core.tables import ListTable
from panel_reports import tables

register = template.Library()


@register.filter
def revived(chart: dict[str, Any]) -> dict[str, Any]:
    """A stored chart with its months as dates again, for scorecard/_chart.html."""
    return {**chart, "months": [{**point, "month": date.fromisoformat(point["month"][:10])}
                                for point in chart["months"]]}


@register.filter
def kpi_table(part: dict[str, Any]) -> ListTable:
    return tables.kpi_part_table(part)


@register.filter
def comparison_table(comparisons: dict[str, Any]) -> ListTable:
    return tables.comparison_table(comparisons)


@register.filter
def glossary_table(entries: list[dict[str, str]]) -> ListTable:
    return tables.AcronymTable(entries, caption="The acronyms this report uses",
                               caption_size="s", attrs={"class": "pcc-whole-table"})


@register.simple_tag
def deliverables_table(part: dict[str, Any], as_of: str) -> ListTable:
    table = tables.DeliverableProgressTable(
        part["deliverables"], caption="Deliverables progress", attrs={"class": "pcc-whole-table"})
    table.columns["status"].column.verbose_name = f"Status at {as_of}"
    return table


@register.simple_tag
def meeting_table(meetings: list[Any], caption: str,
                  items_heading: str = "Provisional agenda items") -> ListTable:
    table = tables.MeetingTable(meetings, caption=caption, caption_size="s",
                                attrs={"class": "pcc-whole-table"})
    table.columns["items"].column.verbose_name = items_heading
    return table
