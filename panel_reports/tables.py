"""The panel reports' tables: the list of reports, acronyms, revised figures,
panel meetings, and the tables inside a report's stored document (plain JSON,
so their columns read dicts)."""

import math
from datetime import date
from typing import Any

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.timezone import localtime

from oversight.core.presenters import tag
from oversight.core.tables import NUMERIC, ROW_HEADER, ListTable
from panel_reports.models import Report
from scorecard.formats import add_months
from scorecard.sparkline import sparkline
from scorecard.tables import TAG

NUMERIC_FIGURES = {"month", "three_months", "twelve_months", "year_on_year", "weighting"}


def numeric(name: str) -> bool:
    return name in NUMERIC_FIGURES


def header(part: dict[str, Any], name: str) -> str:
    return part["headers"].get(name, "Trend Line (Up to 3 Years' Data)")


def report_cell(row: dict[str, Any], name: str, month_iso: str) -> Any:
    """One cell of a stored KPI row, drawn as the scorecard's table draws it."""
    if name == "trend_line":
        values = [math.nan if v is None else v for v in row["trend_line"]]
        month = date.fromisoformat(month_iso)
        months = [add_months(month, i - len(values) + 1) for i in range(len(values))]
        return sparkline(values, months, row["unit"])
    if name == "exceptions" and row["exceptions"]:
        return format_html('{} <strong class="govuk-tag {}">{}</strong>', row["exceptions"],
                           TAG[row["movement"]], row["movement"].capitalize())
    return row["cells"].get(name, "")


def segments(accessor: str) -> tables.TemplateColumn:
    """Text stored as segments (words and acronyms explained at first use)."""
    return tables.TemplateColumn(
        '{% include "partials/segments.html" with line=value %}', accessor=accessor,
        attrs=ROW_HEADER, verbose_name="Measure")


class ReportTable(ListTable):
    title = tables.Column(verbose_name="Report", attrs=ROW_HEADER)
    meeting = tables.Column(verbose_name="Panel meeting", default="Not yet set")
    status = tables.Column(verbose_name="Status", empty_values=())

    class Meta:
        empty_text = "No reports yet."

    def render_title(self, value: str, record: Report) -> str:
        return format_html('<a class="govuk-link" href="{}">{}</a>',
                           record.get_absolute_url(), value)

    def render_status(self, record: Report) -> str:
        if not record.is_published:
            return record.get_status_display()
        return f"{record.get_status_display()} {localtime(record.published_at):%-d %B %Y}"


class AcronymTable(ListTable):
    acronym = tables.Column(verbose_name="Acronym", attrs=ROW_HEADER)
    meaning = tables.Column(verbose_name="Meaning")


class RevisionTable(ListTable):
    topic = tables.Column(verbose_name="Topic")
    label = tables.Column(verbose_name="Measure", attrs=ROW_HEADER)
    figure = tables.Column(verbose_name="Figure")
    published = tables.Column(verbose_name="Published", attrs=NUMERIC, default="–")
    now = tables.Column(verbose_name="Now", attrs=NUMERIC, default="–")


class MeetingTable(ListTable):
    """Meetings as the forward work plan prints them; an agenda item links to
    its report where the reader may open it."""

    date = tables.TemplateColumn(
        "{{ value }}{% if record.time %}<br>{{ record.time }}{% endif %}",
        verbose_name="Date", attrs=ROW_HEADER)
    place = tables.Column(verbose_name="Location", default="")
    items = tables.TemplateColumn(
        '{% if value %}<ul class="pcc-cell-list">{% for item in value %}<li>{% if item.url %}'
        '<a class="govuk-link" href="{{ item.url }}">{{ item.title }}</a>{% else %}'
        "{{ item.title }}{% endif %}</li>{% endfor %}</ul>{% else %}To be agreed{% endif %}",
        verbose_name="Provisional agenda items")

    class Meta:
        empty_text = "No meetings are scheduled."


class DeliverableProgressTable(ListTable):
    action = tables.Column(verbose_name="Action")
    due = tables.Column(verbose_name="Date due")
    progress = tables.TemplateColumn("{{ value }}%", verbose_name="Progress", attrs=NUMERIC)
    status = tables.Column(verbose_name="Status")

    class Meta:
        empty_text = "No deliverables under way in the period."

    def render_status(self, value: dict[str, str]) -> str:
        return tag(value["text"], value["colour"])


class KpiColumn(tables.Column):
    """One column of a stored KPI row, drawn as the scorecard's table draws it."""

    def __init__(self, name: str, part: dict[str, Any]) -> None:
        super().__init__(verbose_name=header(part, name), empty_values=(),
                         attrs=NUMERIC if numeric(name) else {})
        self.name, self.month = name, part["month"]

    def render(self, record: dict[str, Any]) -> Any:
        return report_cell(record, self.name, self.month)


class KpiPartTable(ListTable):
    label = segments("label")

    class Meta:
        empty_text = "This topic has no active measures."
        attrs = {"class": "pcc-kpi-table pcc-whole-table"}


def kpi_part_table(part: dict[str, Any]) -> KpiPartTable:
    return KpiPartTable(
        part["rows"], extra_columns=[(name, KpiColumn(name, part)) for name in part["columns"]],
        caption=f"{part['title']}: KPI table at {part['month_label']}", caption_size="s")


def comparison_table(comparisons: dict[str, Any]) -> ListTable:
    """The topic's figures beside other forces', one numeric column each."""
    columns = [("label", tables.Column(verbose_name="Measure", attrs=ROW_HEADER))] + [
        (f"cell_{i}", tables.Column(verbose_name=name, attrs=NUMERIC, empty_values=()))
        for i, name in enumerate(comparisons["columns"])]
    rows = [{"label": row["label"], **{f"cell_{i}": cell for i, cell in enumerate(row["cells"])}}
            for row in comparisons["rows"]]
    source = f" ({comparisons['source']})" if comparisons.get("source") else ""
    return ListTable(rows, extra_columns=columns, attrs={"class": "pcc-whole-table"},
                     caption=f"Compared with other forces, {comparisons['period']}{source}",
                     caption_size="s")
