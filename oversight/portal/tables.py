"""The portal's own tables: measures by priority on the dashboard, overdue actions
there, and the administrators' list of users."""

import django_tables2 as tables
from django.utils.html import format_html

from elg.tables import ActionTable
from oversight.core.tables import NUMERIC, ROW_HEADER, ListTable

# A priority's count, linking to what needs attention filtered to it (and to the
# movement, for concerns and improvements; as known on the page's day, if it
# is); the rest of the plan is not linked.
COUNT = (
    "{% if record.priority %}{% url 'scorecard:attention' as attention %}"
    '<a class="govuk-link" href="{{ attention }}?month={{ month_key }}&amp;priority='
    '{{ record.priority.pk }}{% if movement %}&amp;movement={{ movement }}{% endif %}'
    "{% if known %}&amp;known={{ known|date:'Y-m-d' }}{% endif %}\">"
    '{{ value }}<span class="govuk-visually-hidden"> {{ words }} priority '
    "{{ record.priority.number }}</span></a>{% else %}{{ value }}{% endif %}"
)


def count_column(name: str, words: str, movement: str = "") -> tables.TemplateColumn:
    return tables.TemplateColumn(COUNT, verbose_name=name, attrs=NUMERIC,
                                 extra_context={"words": words, "movement": movement})


class PriorityCountsTable(ListTable):
    priority = tables.TemplateColumn(
        "{% if value %}{{ value.number }}. {{ value.title }}{% else %}"
        "No priority of the current Plan{% endif %}", verbose_name="Priority",
        attrs=ROW_HEADER, empty_values=())
    measures = count_column("Measures", "measures of")
    concerns = count_column("Concerns", "concerns in", "concern")
    improvements = count_column("Improvements", "improvements in", "improvement")

    def __init__(self, lines, month, **options) -> None:
        caption = f"Measures, concerns and improvements by priority, {month:%B %Y}"
        super().__init__(lines, caption=caption, attrs={"class": "pcc-whole-table",
                                                        "id": "priority-counts"}, **options)


class OverdueActionTable(ActionTable):
    """The dashboard's overdue actions: the meeting by its date only."""

    class Meta(ActionTable.Meta):
        sequence = ("description", "owner", "due_date", "meeting")
        exclude = ("status",)

    def render_meeting(self, record):
        return format_html('<a class="govuk-link" href="{}">{}</a>',
                           record.meeting.get_absolute_url(), f"{record.meeting.date:%-d %b %Y}")


class UserTable(ListTable):
    username = tables.TemplateColumn(
        "<a class=\"govuk-link\" href=\"{% url 'admin:auth_user_change' record.pk %}\">"
        "{{ value }}</a>", verbose_name="User", attrs=ROW_HEADER)
    name = tables.Column(verbose_name="Name", accessor="get_full_name", default="")
    role = tables.Column(verbose_name="Role", default="None")
    active = tables.Column(verbose_name="Active", accessor="is_active")

    def render_active(self, value):
        return "Yes" if value else "No"
