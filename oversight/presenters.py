"""Display values for templates and tables."""

from django.utils.html import format_html

from oversight.deliverables import DeliverableStatus

STATUS_TAG_COLOURS = {
    DeliverableStatus.COMPLETE: "green",
    DeliverableStatus.ON_TRACK: "blue",
    DeliverableStatus.BEHIND: "orange",
    DeliverableStatus.OVERDUE: "red",
}


def status_tag(status: DeliverableStatus) -> str:
    """A GOV.UK tag: the status in words, the colour only as a second signal."""
    return format_html(
        '<strong class="govuk-tag govuk-tag--{}">{}</strong>',
        STATUS_TAG_COLOURS[status],
        status.label,
    )
