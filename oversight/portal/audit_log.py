"""The portal-wide audit log: every change to every audited record, newest
first, filtered by person, kind of record and date.

One query reads a page's keys from every event table at once, each by its
own order of time, a page at a time by keyset: the page after a change is
the changes made before it, so a deep page costs what the first does and a
change made meanwhile shifts nothing. Three more read the page's changes
with the row each followed (for old → new), their contexts and users.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import connection
from django.utils import timezone
from pghistory.models import Context

from oversight.core.history import ACTIONS, event_models, jsonb, user_names, who_changed

PAGE_SIZE = 50
# Fields that say which record an event is about, in the order tried.
NAMING_FIELDS = ("title", "name", "code", "reference", "acronym", "username", "action",
                 "description", "topic", "text", "label")
HIDDEN = {"id"}


def kinds() -> dict[str, str]:
    """Each kind of record the log holds (its event model's label) and its name."""
    found = {}
    for model in event_models():
        tracked: Any = getattr(model, "pgh_tracked_model")  # noqa: B009 (made at run time)
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
    record: int | None = None  # one record's history (of the kind given)


@dataclass(frozen=True)
class Table:
    label: str  # the event model's label: the kind of record
    name: str  # its table
    columns: frozenset[str]


def tables(kind: str = "") -> list[Table]:
    return [Table(model._meta.label, model._meta.db_table,
                  frozenset(f.column for f in model._meta.concrete_fields))
            for model in event_models() if not kind or model._meta.label == kind]


@dataclass(frozen=True)
class Cursor:
    """Where a page ends: the last change's time, kind and id."""

    when: datetime
    label: str
    pgh_id: int

    def text(self) -> str:
        return f"{self.when.isoformat()}|{self.label}|{self.pgh_id}"

    @classmethod
    def parse(cls, text: str) -> "Cursor | None":
        at, label, pgh_id = ([*text.split("|"), "", ""])[:3]
        try:
            return cls(datetime.fromisoformat(at), label, int(pgh_id))
        except ValueError:
            return None


def _branch(table: Table, filters: Filters, after: Cursor | None, limit: int) -> tuple:
    """One event table's next `limit` changes in the log's order (newest
    first; at the same moment, by kind then id, descending)."""
    where: list[str] = ["TRUE"]
    params: list[Any] = []
    if filters.record is not None:
        where.append("pgh_obj_id = %s" if "pgh_obj_id" in table.columns else "FALSE")
        params.append(filters.record)
    if filters.person is not None:
        where.append(f"pgh_context_id IN (SELECT id FROM {CONTEXTS} "  # noqa: S608
                     "WHERE metadata -> 'user' = to_jsonb(%s::integer))")
        params.append(filters.person)
    if filters.since:
        where.append("pgh_created_at >= %s")
        params.append(_day_start(filters.since))
    if filters.until:
        where.append("pgh_created_at < %s")
        params.append(_day_start(filters.until + timedelta(days=1)))
    if after is not None:  # rows sorting after the cursor, as this table's index sees them
        if table.label == after.label:
            where.append("(pgh_created_at, pgh_id) < (%s, %s)")
            params += [after.when, after.pgh_id]
        else:
            where.append("pgh_created_at < %s" if table.label > after.label
                         else "pgh_created_at <= %s")
            params.append(after.when)
    sql = (f'(SELECT pgh_created_at, %s AS label, pgh_id FROM "{table.name}" '  # noqa: S608
           f"WHERE {' AND '.join(where)} ORDER BY pgh_created_at DESC, pgh_id DESC "
           f"LIMIT {int(limit)})")
    return sql, [table.label, *params]


CONTEXTS = Context._meta.db_table


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _keys(filters: Filters, after: Cursor | None, limit: int) -> list[tuple]:
    """(when, kind, id) of the next `limit` changes: one query over every
    event table, each read by its own index only as far as it must."""
    branches = [_branch(table, filters, after, limit) for table in tables(filters.kind)]
    if not branches:
        return []
    sql = " UNION ALL ".join(part for part, _ in branches)
    params = [value for _, values in branches for value in values]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM ({sql}) AS changes "  # noqa: S608
                       f"ORDER BY 1 DESC, 2 DESC, 3 DESC LIMIT {int(limit)}", params)
        return cursor.fetchall()


@dataclass
class Entry:
    slug: str
    label: str  # the kind of record's event model
    obj_id: int | None  # the record's id, if it has one
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
    keys = _keys(filters, Cursor.parse(cursor) if cursor else None, PAGE_SIZE + 1)
    entries = entries_of(keys[:PAGE_SIZE])
    following = Cursor(*keys[PAGE_SIZE - 1]).text() if len(keys) > PAGE_SIZE else ""
    return entries, following


def all_entries(filters: Filters, size: int = 1000) -> Iterator[Entry]:
    """Every entry the filters select, read a page at a time (for the CSV)."""
    after = None
    while keys := _keys(filters, after, size):
        yield from entries_of(keys)
        after = Cursor(*keys[-1])


def entries_of(keys: list[tuple]) -> list[Entry]:
    """The changes named by `keys`, in order, with what each changed (three
    more queries: the rows with the row each followed, their contexts, users)."""
    rows = _rows(keys)
    ids = {str(row["pgh_context_id"]) for row, _ in rows.values() if row.get("pgh_context_id")}
    contexts: dict[str, dict] = {str(pk): metadata for pk, metadata in Context.objects.filter(
        id__in=ids).values_list("id", "metadata")}
    users = user_names({contexts.get(str(row.get("pgh_context_id")), {}).get("user")
                        for row, _ in rows.values()})
    names = kinds()
    entries = []
    for when, label, pgh_id in keys:
        row, previous = rows[(label, pgh_id)]
        context = contexts.get(str(row.get("pgh_context_id")), {})
        entries.append(_entry(label, when, row, previous, context, names, users))
    return entries


def _rows(keys: list[tuple]) -> dict:
    """(kind, id) -> (the event row, the same record's event before it)."""
    wanted: dict[str, list[int]] = {}
    params: list[Any] = []
    for _, label, pgh_id in keys:
        wanted.setdefault(label, []).append(pgh_id)
    by_label = {table.label: table for table in tables()}
    parts = []
    for label, ids in wanted.items():
        table = by_label[label]
        same = ["p.pgh_obj_id = e.pgh_obj_id"] if "pgh_obj_id" in table.columns else ["FALSE"]
        # A value's earlier events are found by the index on measure and month.
        same += [f"p.{c} = e.{c}" for c in ("measure_id", "month") if c in table.columns]
        parts.append(
            f"""SELECT %s, e.pgh_id, to_jsonb(e), to_jsonb(before) FROM "{table.name}" e
            LEFT JOIN LATERAL (SELECT * FROM "{table.name}" p WHERE {" AND ".join(same)}
                AND p.pgh_id < e.pgh_id ORDER BY p.pgh_id DESC LIMIT 1) before ON TRUE
            WHERE e.pgh_id = ANY(%s)""")  # noqa: S608
        params += [label, ids]
    if not parts:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        return {(label, pgh_id): (jsonb(row), jsonb(before))
                for label, pgh_id, row, before in cursor.fetchall()}


def _entry(label: str, when: datetime, row: dict, previous: dict, context: dict,
           names: dict[str, str], users: dict) -> Entry:
    data = {k: v for k, v in row.items() if k not in HIDDEN and not k.startswith("pgh_")}
    if row.get("pgh_label") == "update":
        changes = [(name, _text(previous.get(name)), _text(value)) for name, value in data.items()
                   if previous.get(name) != value]
    else:
        changes = [(name, "", _text(value)) for name, value in data.items()
                   if value not in (None, "")]
    return Entry(
        slug=f"{label}:{row.get('pgh_id')}", label=label, obj_id=row.get("pgh_obj_id"),
        when=when, who=who_changed(context, users),
        via=str(context.get("via") or context.get("source") or ""),
        kind=names.get(label, label), record=_record(row.get("pgh_obj_id"), data),
        action=ACTIONS.get(str(row.get("pgh_label")), str(row.get("pgh_label"))),
        changes=changes, reason=str(context.get("reason", "")))


def _record(obj_id: object, data: dict) -> str:
    label = next((str(data[name]) for name in NAMING_FIELDS if data.get(name)), "")
    number = f"#{obj_id}" if obj_id else ""
    return " ".join(part for part in (number, label[:80]) if part)


def _text(value: object) -> str:
    return "" if value is None else str(value)
