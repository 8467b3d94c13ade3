"""The audit trail of a measure, as its page lists it: who, when, old → new, why."""

from dataclasses import dataclass
from datetime import date, datetime

from pghistory.models import Events

from oversight.core.history import ACTIONS, user_names, who_changed
from scorecard.formats import month_label
from scorecard.models import Area, Measure
from scorecard.presenters import exact_value

REVISIONS_SHOWN = 50
WHAT = {
    "scorecard.MeasureEvent": "Measure",
    "scorecard.ThresholdEvent": "Threshold",
    "scorecard.MeasureAreaEvent": "Area reported",
    "scorecard.MonthlyValueEvent": "Monthly value",
}
HIDDEN_FIELDS = {"id", "measure", "measure_id", "area", "area_id", "month", "topic"}


@dataclass
class Revision:
    when: datetime
    who: str
    action: str  # "Added", "Changed", "Removed"
    what: str
    changes: list  # (field, old, new) as display text
    reason: str




def revisions(measure: Measure, limit: int = REVISIONS_SHOWN) -> list[Revision]:
    """The latest changes to the measure, its thresholds, areas and values."""
    events = list(Events.objects.references(measure).order_by("-pgh_created_at", "-pgh_id")[:limit])
    areas = dict(Area.objects.values_list("id", "name"))
    users = user_names({(e.pgh_context or {}).get("user") for e in events})
    return [_revision(measure, event, areas, users) for event in events]


def _revision(measure: Measure, event: Events, areas: dict,
              users: dict) -> Revision:
    data = event.pgh_data or {}
    what = WHAT.get(event.pgh_model, event.pgh_model)
    if "month" in data:
        month = date.fromisoformat(data["month"])
        what = f"{what}: {areas.get(data.get('area_id'), '')}, {month_label(month)}"
    elif "area_id" in data:
        what = f"{what}: {areas.get(data['area_id'], '')}"
    elif "label" in data:
        what = f"{what}: {data['label']}"
    diff = event.pgh_diff or {}
    unit = measure.unit
    changes = [
        (name, exact_value(unit, name, old), exact_value(unit, name, new))
        for name, (old, new) in diff.items()
        if name not in HIDDEN_FIELDS
    ]
    if event.pgh_label == "insert":
        changes = [
            (name, "", exact_value(unit, name, value))
            for name, value in data.items()
            if name not in HIDDEN_FIELDS and value not in (None, "")
        ]
    context = event.pgh_context or {}
    return Revision(
        when=event.pgh_created_at,
        who=who_changed(context, users),
        action=ACTIONS.get(event.pgh_label, event.pgh_label),
        what=what,
        changes=changes,
        reason=context.get("reason", ""),
    )
