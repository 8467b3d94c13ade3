"""The Plan's tables."""

import django_tables2 as tables
from django.utils.html import format_html

from oversight.core.tables import NUMERIC, CaptionedTable
from oversight.plan.models import Deliverable
from oversight.plan.presenters import status_tag


class DeliverableTable(CaptionedTable):
    objective = tables.Column(
        accessor="objective__code", verbose_name="Objective", order_by=("objective__code",)
    )
    action = tables.Column(verbose_name="Action")
    owner = tables.Column(verbose_name="Owner")
    due_date = tables.DateColumn(format="j M Y", verbose_name="Date due")
    progress = tables.Column(verbose_name="Progress", attrs=NUMERIC)
    current_status = tables.Column(verbose_name="Status")

    class Meta:
        model = Deliverable
        fields = ("objective", "action", "owner", "due_date", "progress", "current_status")
        empty_text = "No deliverables match."

    def render_objective(self, value, record):
        if record.is_demo:  # the demo placed it under the objective
            return format_html('{} <span class="pcc-demo-note">(demo)</span>', value)
        return value

    def render_progress(self, value) -> str:
        return f"{value}%"

    def render_current_status(self, value):
        return status_tag(value)
