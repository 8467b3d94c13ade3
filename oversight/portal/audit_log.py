"""The portal-wide audit log: every change to every audited record, newest
first, filtered by person, kind of record and date.

Read from pghistory's Events (every event table at once), a page at a time
by keyset: the page after a change is the changes made before it, so a deep
page costs what the first does and a change made meanwhile shifts nothing.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.apps import apps
from django.db.models import Q, QuerySet
from pghistory.models import Event, Events

from oversight.core.history import user_names, who_changed

PAGE_SIZE = 50
ACTIONS = {"insert": "Added", "update": "Changed", "delete": "Removed",
           "link.added": "Linked", "link.removed": "Unlinked",
           "role.given": "Role given", "role.taken": "Role taken"}
# Fields that say which record an event is about, in the order tried.
NAMING_FIELDS = ("title", "name", "code", "reference", "acronym", "username", "action",
                 "description", "topic", "text", "label")
HIDDEN = {"id", "pgh_id", "pgh_obj", "pgh_created_at", "pgh_label", "pgh_context"}


def kinds() -> dict[str, str]:
    """Each kind of record the log holds (its event model's label) and its name."""
    found = {}
    for model in apps.get_models():
        if issubclass(model, Event) and not model._meta.proxy:
            tracked: Any = model.pgh_tracked_model
            name = str(tracked._meta.verbose_name)
            if tracked._meta.auto_created:  # a many-to-many table
                name = name.replace("-", " ").replace(" relationship", " link")
            found[model._meta.label] = name[:1].upper() + name[1:]
    return dict(sorted(found.items(), key=lambda item: item[1]))


@dataclass(frozen=True)
class Filters:
    person: int | None = None
    kind: str = ""
    since: date | None = None
    until: date | None = None


def events(filters: Filters) -> QuerySet:
    found = Events.objects.all()
    if filters.person is not None:
        found = found.filter(pgh_context__user=filters.person)
    if filters.kind:
        found = found.filter(pgh_model=filters.kind)
    if filters.since:
        found = found.filter(pgh_created_at__date__gte=filters.since)
    if filters.until:
        found = found.filter(pgh_created_at__date__lte=filters.until)
    return found.order_by("-pgh_created_at", "-pgh_slug")


def cursor_of(entry: "Entry") -> str:
    return f"{entry.when.isoformat()}|{entry.slug}"


def before(found: QuerySet, cursor: str) -> QuerySet:
    """The changes after `cursor` in the log's order (made before it)."""
    at, _, slug = cursor.partition("|")
    try:
        when = datetime.fromisoformat(at)
    except ValueError:
        return found
    return found.filter(Q(pgh_created_at__lt=when) | Q(pgh_created_at=when, pgh_slug__lt=slug))


@dataclass
class Entry:
    slug: str
    when: datetime
    who: str
    via: str
    kind: str
    record: str
    action: str
    changes: list[tuple[str, str, str]]  # (field, old, new)
    reason: str


def page(filters: Filters, cursor: str = "") -> tuple[list[Entry], str]:
    """A page of the log, and the cursor of the next page ("" if last)."""
    found = events(filters)
    if cursor:
        found = before(found, cursor)
    rows = list(found[:PAGE_SIZE + 1])
    entries = entries_of(rows[:PAGE_SIZE])
    return entries, cursor_of(entries[-1]) if len(rows) > PAGE_SIZE else ""


def all_entries(filters: Filters, size: int = 1000) -> Iterator[Entry]:
    """Every entry the filters select, read a page at a time (for the CSV)."""
    cursor = ""
    while True:
        found = events(filters)
        rows = list((before(found, cursor) if cursor else found)[:size])
        if not rows:
            return
        entries = entries_of(rows)
        yield from entries
        cursor = cursor_of(entries[-1])


def entries_of(rows: list) -> list[Entry]:
    names = kinds()
    users = user_names({(row.pgh_context or {}).get("user") for row in rows})
    return [_entry(row, names, users) for row in rows]


def _entry(row: Events, names: dict[str, str], users: dict) -> Entry:
    data, context = row.pgh_data or {}, row.pgh_context or {}
    if row.pgh_label == "update":
        changes = [(name, _text(old), _text(new)) for name, (old, new)
                   in (row.pgh_diff or {}).items() if name not in HIDDEN]
    else:
        changes = [(name, "", _text(value)) for name, value in data.items()
                   if name not in HIDDEN and value not in (None, "")]
    return Entry(
        slug=row.pgh_slug, when=row.pgh_created_at, who=who_changed(context, users),
        via=str(context.get("via") or context.get("source") or ""),
        kind=names.get(row.pgh_model, row.pgh_model), record=_record(row, data),
        action=ACTIONS.get(row.pgh_label, row.pgh_label), changes=changes,
        reason=str(context.get("reason", "")))


def _record(row: Events, data: dict) -> str:
    label = next((str(data[name]) for name in NAMING_FIELDS if data.get(name)), "")
    number = f"#{row.pgh_obj_id}" if row.pgh_obj_id else ""
    return " ".join(part for part in (number, label[:80]) if part)


def _text(value: object) -> str:
    return "" if value is None else str(value)
