"""Records' changes as their pages list them: when, who, from where, what
changed (old → new) and why, read from their history in one query (and one
for the names of the people who made them)."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Field, Model
from pghistory.models import Events

from oversight.core.history import ACTIONS, event_model, user_names, who_changed
from oversight.core.known import end_of

SHOWN = 100
HIDDEN = {"id"}


@dataclass
class Change:
    record: str  # the record's name
    when: datetime
    who: str
    via: str  # page, admin, import, command, job or SQL, where known
    action: str  # "Added", "Changed", "Removed"
    changes: list[tuple[str, str, str]]  # (field, old, new) as display text
    reason: str


def changes_of(records: Sequence[Model], since: datetime | None = None,
               limit: int = SHOWN) -> list[Change]:
    """The latest `limit` changes to `records` (of one audited model), newest
    first; only those made at or after `since`, if given."""
    if not records:
        return []
    model = type(records[0])
    events = Events.objects.across(event_model(model)).tracks(list(records))
    if since is not None:
        events = events.filter(pgh_created_at__gte=since)
    found = list(events.order_by("-pgh_created_at", "-pgh_id")[:limit])
    users = user_names({(e.pgh_context or {}).get("user") for e in found})
    names = {str(record.pk): str(record) for record in records}
    return [_change(model, event, names, users) for event in found]


def changed_since(records: Sequence[Model], known: date | None) -> list[Change]:
    """The changes to `records` made after the end of day `known` (what a page
    as known on that day does not show); none if not as known."""
    return changes_of(records, since=end_of(known)) if known else []


def _change(model: type[Model], event: Events, names: dict, users: dict) -> Change:
    context = event.pgh_context or {}
    if event.pgh_label == "update":
        pairs = [(name, old, new) for name, (old, new) in (event.pgh_diff or {}).items()]
    else:
        pairs = [(name, None, value) for name, value in (event.pgh_data or {}).items()
                 if value not in (None, "")]
    fields = {f.attname: f for f in model._meta.concrete_fields}
    changes = [(_label(fields[name]), _shown(fields[name], old) if old is not None else "",
                _shown(fields[name], new)) for name, old, new in pairs
               if name in fields and name not in HIDDEN]
    via = str(context.get("via") or context.get("source") or "")
    return Change(names.get(str(event.pgh_obj_id), ""), event.pgh_created_at,
                  who_changed(context, users), via,
                  ACTIONS.get(event.pgh_label, event.pgh_label), changes,
                  str(context.get("reason", "")))


def _label(field: Field) -> str:
    name = str(field.verbose_name)
    return name[:1].upper() + name[1:]


def _shown(field: Field, value: object) -> str:
    """A stored value as people read it: a choice's label, yes or no, blank."""
    if value is None or value == "":
        return "blank"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value)
