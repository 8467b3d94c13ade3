"""The PEEL register's table."""

import django_tables2 as tables
from django.utils.html import format_html

from oversight.core.presenters import tag
from oversight.core.tables import CaptionedTable
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

    def __init__(self, rows, *, today, **options):
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
        return format_html("{} {}", f"{update.date:%-d %b %Y}", rag_tag(update))

    def render_sustained(self, record):
        return record.evidence.summary
