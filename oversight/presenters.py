"""Display values for templates and tables."""

from django.utils.html import format_html

from oversight.deliverables import DeliverableStatus

STATUS_TAG_COLOURS = {
    DeliverableStatus.COMPLETE: "green",
    DeliverableStatus.ON_TRACK: "blue",
    DeliverableStatus.BEHIND: "orange",
    DeliverableStatus.OVERDUE: "red",
}


FINDING_COLOURS = {"open": "grey", "in_progress": "blue", "evidence_submitted": "purple",
                   "closed": "green"}
RAG_COLOURS = {"red": "red", "amber": "orange", "green": "green"}
ACTIVITY_COLOURS = {"not_started": "grey", "on_track": "blue", "at_risk": "red",
                    "complete": "green"}


def tag(text, colour) -> str:
    """A GOV.UK tag: the words carry the meaning, the colour only repeats it."""
    return format_html('<strong class="govuk-tag govuk-tag--{}">{}</strong>', colour, text)


def status_tag(status: DeliverableStatus) -> str:
    return tag(status.label, STATUS_TAG_COLOURS[status])


def finding_status_tag(finding) -> str:
    return tag(finding.get_status_display(), FINDING_COLOURS[finding.status])


def rag_tag(update) -> str:
    return tag(f"RAG: {update.get_rag_display()}", RAG_COLOURS[update.rag])


def activity_status_tag(activity) -> str:
    return tag(activity.get_status_display(), ACTIVITY_COLOURS[activity.status])
