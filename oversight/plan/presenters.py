"""How a deliverable's status is shown."""

from oversight.core.presenters import tag
from oversight.plan.deliverables import DeliverableStatus

STATUS_TAG_COLOURS = {
    DeliverableStatus.COMPLETE: "green",
    DeliverableStatus.ON_TRACK: "blue",
    DeliverableStatus.BEHIND: "orange",
    DeliverableStatus.OVERDUE: "red",
}


def status_tag(status: DeliverableStatus) -> str:
    return tag(status.label, STATUS_TAG_COLOURS[status])
