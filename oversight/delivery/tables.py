"""The delivery plan's tables: core activities by status, and each objective's
activities with their latest update."""

import django_tables2 as tables

from oversight.core.tables import NUMERIC, ROW_HEADER, ListTable


def status_counts_table(counts: list[tuple[str, int]]) -> ListTable:
    """One row: how many core activities have each status."""
    columns = [(f"status_{i}", tables.Column(verbose_name=label, attrs=NUMERIC))
               for i, (label, _) in enumerate(counts)]
    row = {f"status_{i}": count for i, (_, count) in enumerate(counts)}
    return ListTable([row], extra_columns=columns, caption="Core activities by status")


class ActivityTable(ListTable):
    text = tables.TemplateColumn(
        '<a class="govuk-link" href="{{ record.get_absolute_url }}">{{ value }}</a>',
        verbose_name="Core activity", attrs=ROW_HEADER)
    owner = tables.Column(verbose_name="ELT owner")
    status = tables.TemplateColumn("{% load portal %}{{ record|activity_status }}",
                                   verbose_name="Status", empty_values=())
    latest = tables.TemplateColumn(
        '{% with latest=record.updates.all|first %}{% if latest %}{{ latest.date|date:"j M Y" }}: '
        "{{ latest.narrative|truncatewords:30 }}{% if latest.is_demo %} (demo){% endif %}"
        "{% else %}None yet{% endif %}{% endwith %}", verbose_name="Latest update",
        empty_values=())

    def __init__(self, objective, **options) -> None:
        super().__init__(objective.activities.all(), caption=f"Objective {objective}",
                         attrs={"class": "pcc-report-table"}, **options)
