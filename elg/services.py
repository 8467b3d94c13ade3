"""Writes of ELG business that touch several records, each in one transaction."""

from datetime import time

from django.db import transaction
from django.forms import BaseInlineFormSet

from elg.half_years import HalfYear
from elg.models import Assurance, Meeting


@transaction.atomic
def save_schedule(half: HalfYear, rows: list[dict], *, starts_at: time, place: str) -> int:
    """A half-year's meetings from the builder's rows (date, kind, topic and
    objectives); IntegrityError, and nothing saved, if a date is taken."""
    for row in rows:
        meeting = Meeting.objects.create(
            date=row["date"], kind=row["kind"], topic=row["topic"], half_year=half.key,
            starts_at=starts_at, place=place)
        meeting.objectives.set(row["objectives"])
    return len(rows)


@transaction.atomic
def record_outcome(meeting: Meeting, *, status: str, notes: str, ratings: dict,
                   actions: BaseInlineFormSet) -> None:
    """A held meeting's status and notes, its assurance rating per objective
    (a blank rating removes one), and its actions (a formset, validated)."""
    meeting.status, meeting.notes = status, notes
    meeting.save(update_fields=["status", "notes"])
    for objective, rating in ratings.items():
        if rating:
            Assurance.objects.update_or_create(
                meeting=meeting, objective=objective, defaults={"rating": rating})
        else:
            Assurance.objects.filter(meeting=meeting, objective=objective).delete()
    actions.save()
