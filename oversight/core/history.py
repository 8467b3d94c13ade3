"""The audit trail's foundation: every model a user can change is tracked by
Postgres triggers (django-pghistory), so a change made by a page, the admin,
an import, a command, a worker job or SQL is recorded with the old and new
values. Event tables are append-only (settings.PGHISTORY_APPEND_ONLY).

pghistory makes each tracked model's event model at run time, so type
checkers cannot see `Model.pgh_event_model`: it is read here, once."""

import json
from collections.abc import Iterable
from functools import cache
from typing import Any

import pghistory
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Model
from pghistory.models import Event

DIRECT = "Direct database change"
# Each event's label as people read it.
ACTIONS = {"insert": "Added", "update": "Changed", "delete": "Removed",
           "link.added": "Linked", "link.removed": "Unlinked",
           "role.given": "Role given", "role.taken": "Role taken"}


def change_trackers(**options: Any) -> tuple:
    """Fresh trackers for each model: pghistory adapts them to the model."""
    return (
        pghistory.InsertEvent(**options),
        pghistory.UpdateEvent(**options),
        pghistory.DeleteEvent(**options),
    )


def audited(**options: Any) -> Any:
    """Class decorator: the model's every insert, update and delete is kept."""
    return pghistory.track(*change_trackers(), **options)


def audit_links(through: type[Model], model_name: str, app_label: str) -> None:
    """Track a many-to-many table: a link added or removed (a removed link's
    row is gone, so the event keeps both ends)."""
    pghistory.track(pghistory.InsertEvent("link.added"), pghistory.DeleteEvent("link.removed"),
                    obj_field=None, model_name=model_name, app_label=app_label)(through)


@cache
def event_models() -> tuple[type[Model], ...]:
    """Every table of history (pghistory's event models), once the apps are loaded."""
    return tuple(model for model in apps.get_models()
                 if issubclass(model, Event) and not model._meta.proxy)


def dated_event_tables() -> list[str]:
    """The history tables whose entries carry their time (all but link tables'
    own bookkeeping)."""
    return [model._meta.db_table for model in event_models()
            if any(f.name == "pgh_created_at" for f in model._meta.fields)]


def event_model(model: type[Model]) -> type[Model]:
    """The model pghistory records `model`'s changes in."""
    events: type[Model] = getattr(model, "pgh_event_model")  # noqa: B009
    return events


def jsonb(value: str | None) -> dict:
    """A jsonb column read by raw SQL: Django has psycopg hand it over as text
    (its JSONField decodes it)."""
    loaded: dict = json.loads(value) if value else {}
    return loaded


def redate_entries(table: str, when: str, params: list, after: int = 0) -> None:
    """Set the time of history table `table`'s entries after id `after` to the
    SQL expression `when`. Only for invented data (the demo, tests): the
    table's append-only triggers are set aside for that one statement, which
    only the table's owner may do, never the portal's pages or jobs."""
    with connection.cursor() as cursor:
        cursor.execute(f'ALTER TABLE "{table}" DISABLE TRIGGER USER')
        cursor.execute(f'UPDATE "{table}" SET pgh_created_at = {when} '  # noqa: S608
                       "WHERE pgh_id > %s", [*params, after])
        cursor.execute(f'ALTER TABLE "{table}" ENABLE TRIGGER USER')


def user_names(ids: Iterable[int | None]) -> dict:
    """Each user id's name (one query)."""
    ids = {i for i in ids if i is not None}
    if not ids:
        return {}
    return {
        user.pk: user.get_full_name() or user.get_username()
        for user in get_user_model().objects.filter(pk__in=ids)
    }


def who_changed(context: dict | None, users: dict) -> str:
    """Who made a change: its user, else what made it (a service's source, a
    worker job); with no context at all, someone changed the database directly."""
    context = context or {}
    if context.get("user") in users:
        return str(users[context["user"]])
    return str(context.get("source") or context.get("via") or DIRECT)
