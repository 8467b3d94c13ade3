"""The public site's tables: published reports and the decisions register."""

from datetime import date

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.timezone import localtime

from oversight.core.publications import Publication
from oversight.core.tables import ROW_HEADER, ListTable
from panel_reports.models import Report


class PublicReportTable(ListTable):
    title = tables.Column(verbose_name="Report", attrs=ROW_HEADER)
    meeting = tables.Column(verbose_name="Panel meeting", default="Not set")
    published_at = tables.Column(verbose_name="Published")

    class Meta:
        empty_text = "No reports have been published yet."

    def render_title(self, value: str, record: Report) -> str:
        return format_html('<a class="govuk-link" href="{}">{}</a>',
                           reverse("public:report", args=[record.pk]), value)

    def render_published_at(self, value) -> str:
        return f"{localtime(value):%-d %B %Y}"


class DecisionTable(ListTable):
    number = tables.Column(verbose_name="Number", accessor="document__number", attrs=ROW_HEADER)
    date = tables.Column(verbose_name="Date", accessor="document__date")
    title = tables.Column(verbose_name="Decision")
    summary = tables.Column(verbose_name="Summary", accessor="document__summary")
    decision_maker = tables.Column(verbose_name="Decision maker",
                                   accessor="document__decision_maker")

    class Meta:
        empty_text = "No decisions have been published yet."

    def render_date(self, value: str) -> str:
        return f"{date.fromisoformat(value):%-d %B %Y}"

    def render_title(self, value: str, record: Publication) -> str:
        return format_html('<a class="govuk-link" href="{}">{}</a>',
                           reverse("public:decision", args=[record.key]), value)
