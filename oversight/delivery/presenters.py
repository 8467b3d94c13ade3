"""How a core activity's status is shown."""

from oversight.core.presenters import tag
from oversight.delivery.models import CoreActivity

ACTIVITY_COLOURS = {"not_started": "grey", "on_track": "blue", "at_risk": "red",
                    "complete": "green"}


def activity_status_tag(activity: CoreActivity) -> str:
    return tag(activity.get_status_display(), ACTIVITY_COLOURS[activity.status])
