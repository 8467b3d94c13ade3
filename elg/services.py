"""Writes of ELG business that touch several records, each in one transaction."""

from datetime import time

from django.contrib.auth.models import User
from django.db import transaction
from django.forms import BaseInlineFormSet

from elg.half_years import HalfYear
from elg.models import Assurance, Meeting, OutcomeNote


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
def record_outcome(meeting: Meeting, *, status: str, note: str, corrects: OutcomeNote | None,
                   author: User, ratings: dict, actions: BaseInlineFormSet) -> None:
    """A held meeting's status, a new note (correcting an earlier one, if
    given), its assurance rating per objective (a blank rating removes one),
    and its actions (a formset, validated). Notes are only ever added."""
    meeting.status = status
    meeting.save(update_fields=["status"])
    if note.strip():
        OutcomeNote.objects.create(meeting=meeting, text=note.strip(), author=author,
                                   corrects=corrects)
    for objective, rating in ratings.items():
        if rating:
            Assurance.objects.update_or_create(
                meeting=meeting, objective=objective, defaults={"rating": rating})
        else:
            Assurance.objects.filter(meeting=meeting, objective=objective).delete()
    actions.save()
