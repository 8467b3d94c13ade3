""""As known on day D": what the portal held at the end of a past day, rebuilt
from the audit trail (history is append-only, so a past day's answer never
changes)."""

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import TypeVar

from django.db.models import Model
from django.utils import timezone
from django.utils.formats import date_format

from oversight.core.history import event_model

M = TypeVar("M", bound=Model)


def parse_day(text: str | None) -> date | None:
    """A day as YYYY-MM-DD, or None for a blank or anything else."""
    try:
        return date.fromisoformat(text.strip()) if text else None
    except ValueError:
        return None


def past(day: date | None) -> date | None:
    """`day` if it is over (its records can be read as known then), else None."""
    return day if day is not None and day < timezone.localdate() else None


def end_of(day: date) -> datetime:
    """The first instant after `day` in the portal's time zone: a change made
    before it was known at the end of that day."""
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def as_known_label(day: date) -> str:
    """"as known on 19 July 2022"."""
    return f"as known on {date_format(day, 'j F Y')}"


def as_known(records: Sequence[M], day: date) -> list[M]:
    """`records` (of one audited model) as they stood at the end of `day`: each
    one's fields from its latest history entry by then (one query). Records
    added after that day, or removed by then, are left out."""
    if not records:
        return []
    model = type(records[0])
    latest = (event_model(model).objects  # type: ignore[attr-defined]
              .filter(pgh_obj_id__in=[r.pk for r in records], pgh_created_at__lt=end_of(day))
              .order_by("pgh_obj_id", "-pgh_id").distinct("pgh_obj_id"))
    then = {event.pgh_obj_id: event for event in latest}
    kept = []
    for record in records:
        event = then.get(record.pk)
        if event is None or event.pgh_label == "delete":
            continue
        for field in model._meta.concrete_fields:
            if field.attname in event.__dict__:
                setattr(record, field.attname, getattr(event, field.attname))
        kept.append(record)
    return kept
