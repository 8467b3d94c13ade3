"""How a core activity's status is shown."""

from oversight.core.presenters import tag

ACTIVITY_COLOURS = {"not_started": "grey", "on_track": "blue", "at_risk": "red",
                    "complete": "green"}


def activity_status_tag(activity) -> str:
    return tag(activity.get_status_display(), ACTIVITY_COLOURS[activity.status])
