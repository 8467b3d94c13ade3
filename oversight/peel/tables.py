"""PEEL's tables: the register, counts by kind and status, sustained improvement,
an inspection's grades and monitoring, and the progress report's findings."""


import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import Truncator

from oversight.core.presenters import day, tag
from oversight.core.tables import NUMERIC, ROW_HEADER, CaptionedTable, ListTable, field
from oversight.peel.models import Finding
from oversight.peel.presenters import finding_status_tag, rag_tag


def latest_update(finding):
    """The newest update, from the prefetched updates (newest first)."""
    updates = finding.updates.all()
    return updates[0] if updates else None


class FindingTable(CaptionedTable):
    reference = tables.Column(verbose_name="Reference", order_by=("pk",))
    kind = tables.Column(verbose_name="Kind")
    text = tables.Column(verbose_name="Finding", orderable=False)
    target_date = tables.Column(verbose_name="Target date")
    status = tables.Column(verbose_name="Status")
    update = tables.Column(verbose_name="Latest update", accessor="pk", orderable=False)
    sustained = tables.Column(verbose_name="Sustained improvement", accessor="pk",
                              orderable=False)

    class Meta:
        model = Finding
        fields = ("reference", "kind", "text", "target_date", "status")
        sequence = ("reference", "kind", "text", "target_date", "status", "update", "sustained")
        empty_text = "No findings match these filters."

    def __init__(self, rows, *, today, **options) -> None:
        super().__init__(rows, **options)
        self.today = today

    def render_reference(self, record):
        return format_html('<a class="govuk-link" href="{}">{}</a>',
                           record.get_absolute_url(), record.reference)

    def render_kind(self, record):
        below = f" (under {record.cause.reference})" if record.cause_id else ""
        return record.get_kind_display() + below

    def render_text(self, value):
        return value if len(value) <= 160 else value[:157].rstrip() + "…"

    def render_target_date(self, record, value):
        shown = f"{value:%-d %b %Y}"
        return format_html("{} {}", shown, tag("Overdue", "red")) if record.is_overdue(
            self.today) else shown

    def render_status(self, record):
        return finding_status_tag(record)

    def render_update(self, record):
        update = latest_update(record)
        if update is None:
            return "None yet"
        return format_html("{} {}", day(update.date, "j M Y"), rag_tag(update))

    def render_sustained(self, record):
        return record.evidence.summary


class CountColumn(tables.Column):
    """A count of findings of one kind and status; with `opens_register`, it
    links to the register filtered to them, and says what it counts to a screen
    reader."""

    def __init__(self, status, opens_register: bool) -> None:
        super().__init__(verbose_name=field(status, "label") if status else "Total",
                         attrs=NUMERIC, empty_values=())
        self.status, self.opens_register = status, opens_register

    def render(self, record):
        label, kind = field(record, "label"), field(record, "kind__value")
        if self.status is None:
            count, query, hidden = field(record, "total"), "", f" {label.lower()} in all"
        else:
            value = field(self.status, "value")
            count = dict((field(s, "value"), n) for s, n in field(record, "cells"))[value]
            query = f"&status={value}"
            hidden = f" {label.lower()}: {field(self.status, 'label').lower()}"
        if not self.opens_register or not count:
            return count
        return format_html('<a class="govuk-link" href="{}?kind={}{}">{}'
                           '<span class="govuk-visually-hidden">{}</span></a>',
                           reverse("peel:register"), kind, query, count, hidden)


def counts_table(counts, statuses, link: bool, caption: str) -> ListTable:
    columns = [("kind", tables.Column(verbose_name="Kind", accessor="label", attrs=ROW_HEADER))]
    columns += [(f"status_{field(s, 'value')}", CountColumn(s, link)) for s in statuses]
    columns += [("total", CountColumn(None, link))]
    return ListTable(counts, extra_columns=columns, caption=caption)


class SustainedTable(ListTable):
    """Sustained improvement of each measure linked to a finding."""

    measure = tables.TemplateColumn(
        '{% if link_measures %}<a class="govuk-link" href="{{ record.row.url }}">'
        "{{ record.row.label }}</a>{% else %}{{ record.row.label }}{% endif %}",
        verbose_name="Measure", attrs=ROW_HEADER, empty_values=())
    judgement = tables.TemplateColumn(
        '<strong class="govuk-tag govuk-tag--{% if record.sustained.met %}green'
        "{% elif record.sustained.judged %}orange{% else %}grey{% endif %}\">"
        "{{ record.sustained.verdict }}</strong>", verbose_name="Judgement", empty_values=())
    months = tables.TemplateColumn(
        "{% if record.sustained.judged %}{{ record.sustained.months }}{% else %}–{% endif %}",
        verbose_name="Months in a row", attrs=NUMERIC, empty_values=())
    why = tables.Column(verbose_name="Why", accessor="sustained__words")


class GradeTable(ListTable):
    name = tables.Column(verbose_name="Area", attrs=ROW_HEADER)
    grade = tables.Column(verbose_name="Grade", accessor="get_grade_display")


class MonitoringTable(ListTable):
    """HMICFRS's monitoring stages, each to the start of the next (or now)."""

    stage = tables.Column(verbose_name="Stage", accessor="0__get_stage_display",
                          attrs=ROW_HEADER)
    started = tables.DateColumn(format="j F Y", verbose_name="From", accessor="0__started_on")
    ended = tables.DateColumn(format="j F Y", verbose_name="To", accessor="1", default="Now")
    note = tables.Column(verbose_name="Note", accessor="0__note", default="")


class ReportFindingTable(ListTable):
    """Findings in the PEEL progress report, as stored data (a report keeps them).
    Status and latest update are rendered in Python: a TemplateColumn renders even
    an empty value (its empty_values are none), so it would never show "None yet"."""

    reference = tables.TemplateColumn(
        '{% if link %}<a class="govuk-link" href="{{ record.url }}">{{ value }}</a>'
        "{% else %}{{ value }}{% endif %}", verbose_name="Reference", attrs=ROW_HEADER)
    text = tables.TemplateColumn(
        '{% load portal %}{% include "partials/segments.html" with line=value %}'
        '{% if record.target %}<br>Target {{ record.target|day:"j M Y" }}'
        '{% if record.overdue %} <strong class="govuk-tag govuk-tag--red">Overdue</strong>'
        "{% endif %}{% endif %}", verbose_name="Finding")
    status = tables.Column(verbose_name="Status")
    latest = tables.Column(verbose_name="Latest update", default="None yet")
    summary = tables.TemplateColumn(
        '{{ value }}{% if record.measures %}<ul class="pcc-cell-list">'
        "{% for item in record.measures %}<li>{{ item.label }}: {{ item.verdict|lower }}"
        "{% if item.judged %} ({{ item.months }} month{{ item.months|pluralize }}){% endif %}"
        "</li>{% endfor %}</ul>{% endif %}", verbose_name="Sustained improvement",
        empty_values=())

    def render_status(self, value):
        return tag(value["text"], value["colour"])

    def render_latest(self, value):
        return format_html("{} {}<br>{}", day(value["date"], "j M Y"),
                           tag(value["rag"]["text"], value["rag"]["colour"]),
                           Truncator(value["narrative"]).words(60))

    def __init__(self, findings, kind_label: str, **options) -> None:
        super().__init__(findings, attrs={"class": "pcc-report-table"}, caption_size="s",
                         **options)
        self.columns["text"].column.verbose_name = kind_label
