"""Demo ELG data: seed 000's H2 2022 schedule (Appendix 2), its 19 July KLOE
briefing in full (Appendix 1), and a few held meetings with invented outcomes.

Seed 000's table ends at 28 November, though its schedule runs to 12 December;
the 12 December meeting is a PEEL and performance review, the pattern's turn.
Every load is an upsert on natural keys, so loading twice changes nothing.
"""

import json
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import transaction

from elg.models import (
    Action,
    Assurance,
    Briefing,
    BriefingQuestion,
    Meeting,
    MeetingStatus,
    Question,
    Theme,
)
from elg.topics import objectives_named

DEMO_ELG = Path(settings.BASE_DIR) / "fixtures" / "demo_elg.json"
BRIEFING_FIELDS = ["topic", "purpose", "force_asked", "executive_summary", "expectations",
                   "focus", "status"]


@transaction.atomic
def load_elg(today: date) -> None:
    data = json.loads(DEMO_ELG.read_text(encoding="utf-8"))
    themes = {name: Theme.objects.update_or_create(name=name, defaults={"order": n})[0]
              for n, name in enumerate(data["themes"], start=1)}
    meetings = {row["date"]: load_meeting(row, data, today) for row in data["meetings"]}
    for row in data["briefings"]:
        load_briefing(meetings[row["meeting"]], row, themes)
    for row in data["outcomes"]:
        load_outcome(meetings[row["meeting"]], row)


def load_meeting(row, data, today) -> Meeting:
    day = date.fromisoformat(row["date"])
    meeting, _ = Meeting.objects.update_or_create(date=day, defaults={
        "kind": row["kind"], "topic": row["topic"], "half_year": data["half_year"],
        "starts_at": data["starts_at"], "place": data["place"],
        "status": MeetingStatus.HELD if day < today else MeetingStatus.SCHEDULED,
    })
    meeting.objectives.set(objectives_named(row["topic"]) if row["kind"] == "scrutiny" else [])
    return meeting


def load_briefing(meeting, row, themes) -> None:
    briefing, _ = Briefing.objects.update_or_create(
        meeting=meeting, defaults={field: row[field] for field in BRIEFING_FIELDS})
    briefing.questions.all().delete()
    for order, item in enumerate(row["questions"], start=1):
        question, _ = Question.objects.get_or_create(theme=themes[item["theme"]],
                                                     text=item["text"])
        question.objectives.set(meeting.objectives.all())
        BriefingQuestion.objects.create(briefing=briefing, theme=question.theme,
                                        text=question.text, order=order, source=question)


def load_outcome(meeting, row) -> None:
    meeting.notes = row["notes"]
    meeting.save(update_fields=["notes"])
    by_code = {o.code: o for o in meeting.objectives.all()}
    for code, rating in row["ratings"].items():
        Assurance.objects.update_or_create(meeting=meeting, objective=by_code[code],
                                           defaults={"rating": rating})
    for action in row["actions"]:
        fields = dict(action)
        Action.objects.update_or_create(meeting=meeting, description=fields.pop("description"),
                                        defaults=fields)
