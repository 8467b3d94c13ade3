"""ELG tables: the schedule as seed 000's Appendix 2 prints it, and the actions log."""

import django_tables2 as tables
from django.utils.html import format_html

from oversight.core.tables import ROW_HEADER, CaptionedTable, ListTable


class ScheduleTable(CaptionedTable):
    """Two columns, "ELG meeting | Topic", as seed 000 Appendix 2."""

    date = tables.Column(verbose_name="ELG meeting", orderable=False)
    topic = tables.Column(verbose_name="Topic", orderable=False)

    class Meta:
        empty_text = "No ELG meetings are scheduled in this half-year."

    def render_date(self, record):
        return format_html('<a class="govuk-link" href="{}">{}</a>',
                           record.get_absolute_url(), f"{record.date:%d %B}")

    def render_topic(self, record):
        if record.status == "cancelled":
            return format_html("{} <strong class=\"govuk-tag govuk-tag--grey\">Cancelled</strong>",
                               record.topic)
        return record.topic


class ActionTable(CaptionedTable):
    due_date = tables.DateColumn(format="j M Y", verbose_name="Date due", orderable=False)
    description = tables.Column(verbose_name="Action", orderable=False)
    owner = tables.Column(verbose_name="Owner", orderable=False)
    meeting = tables.Column(verbose_name="Meeting", orderable=False)
    status = tables.Column(verbose_name="Status", orderable=False)

    class Meta:
        empty_text = "No actions match."

    def __init__(self, rows, today, **options) -> None:
        super().__init__(rows, **options)
        self.today = today

    def render_owner(self, record) -> str:
        return f"{record.owner} ({record.get_organisation_display()})"

    def render_meeting(self, record):
        meeting = record.meeting
        return format_html('<a class="govuk-link" href="{}">{}</a>', meeting.get_absolute_url(),
                           f"{meeting.date:%-d %B %Y}: {meeting.topic}")

    def render_status(self, record):
        if record.is_overdue(self.today):
            return format_html('{} <strong class="govuk-tag govuk-tag--red">Overdue</strong>',
                               record.get_status_display())
        return record.get_status_display()


class FindingsTable(ListTable):
    """PEEL findings on a briefing's objectives that HMICFRS has not closed; the
    reference opens the finding for readers of the PEEL register."""

    reference = tables.TemplateColumn(
        '{% if perms.oversight.read_peel %}<a class="govuk-link" '
        'href="{{ record.get_absolute_url }}">{{ value }}</a>{% else %}{{ value }}{% endif %}',
        verbose_name="Reference",
        attrs=ROW_HEADER)
    text = tables.Column(verbose_name="Finding")
    status = tables.Column(verbose_name="Status", accessor="get_status_display")
    target_date = tables.DateColumn(format="j M Y", verbose_name="Target date",
                                    default="Not set")


class AssuranceTable(ListTable):
    objective = tables.Column(verbose_name="Objective", attrs=ROW_HEADER)
    rating = tables.Column(verbose_name="Rating", accessor="get_rating_display")


# A proposed meeting's field: its error, a label naming the meeting, the input.
FIELD_CELL = (
    '{% for error in value.errors %}<p id="{{ value.id_for_label }}-error" '
    'class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {{ error }}'
    "</p>{% endfor %}"
    '<label class="govuk-visually-hidden" for="{{ value.id_for_label }}">Meeting '
    "{{ record.number }}: {{ value.label|lower }}</label>{{ value }}")


class ProposalTable(ListTable):
    """The schedule builder's proposal: one row of inputs per meeting."""

    date = tables.TemplateColumn(FIELD_CELL, verbose_name="Date")
    kind = tables.TemplateColumn(FIELD_CELL, verbose_name="Kind")
    topic = tables.TemplateColumn(FIELD_CELL, verbose_name="Topic")
    leave_out = tables.TemplateColumn(FIELD_CELL, verbose_name="Leave out")

    def __init__(self, formset, **options) -> None:
        rows = [{"number": number, "date": form["date"], "kind": form["kind"],
                 "topic": form["topic"], "leave_out": form["remove"]}
                for number, form in enumerate(formset, start=1)]
        super().__init__(rows, caption="Meetings", **options)
