"""Demo ELG data: seed 000's H2 2022 schedule (Appendix 2), its 19 July KLOE
briefing in full (Appendix 1), and a few held meetings with invented outcomes.

Then the present (`load_present`): the schedules of this half-year, the one
before and the next, proposed by the schedule builder's own code, the meetings held
since with invented outcomes and actions, and an issued briefing for the next
scrutiny meeting. Every load is an upsert on natural keys or adds only what
is missing, so loading twice changes nothing.
"""

import json
from datetime import date, time, timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction

from elg import services
from elg.half_years import HalfYear
from elg.models import (
    REVIEW_TOPIC,
    Action,
    ActionStatus,
    Assurance,
    Briefing,
    BriefingQuestion,
    BriefingStatus,
    Meeting,
    MeetingKind,
    MeetingStatus,
    OutcomeNote,
    Owner,
    Question,
    Rating,
    Theme,
)
from elg.schedule import OBJECTIVE_CODE, SCRUTINY, nth_weekdays, propose
from elg.topics import objectives_named

DEMO_ELG = Path(settings.BASE_DIR) / "fixtures" / "demo_elg.json"
PERFORMANCE_INFRASTRUCTURE = "Performance Infrastructure – Reporting and Response"
BRIEFING_FIELDS = ["topic", "purpose", "force_asked", "executive_summary", "expectations",
                   "focus", "status"]


@transaction.atomic
def load_elg(today: date) -> None:
    data = json.loads(DEMO_ELG.read_text(encoding="utf-8"))
    # Seed 000's theme "Performance Infrastructure – Reporting and Response" was
    # once shortened; the stored theme keeps its questions under the full name.
    Theme.objects.filter(name="Performance Infrastructure").update(name=PERFORMANCE_INFRASTRUCTURE)
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
    if row["notes"]:
        OutcomeNote.objects.get_or_create(meeting=meeting, text=row["notes"])
    by_code = {o.code: o for o in meeting.objectives.all()}
    for code, rating in row["ratings"].items():
        Assurance.objects.update_or_create(meeting=meeting, objective=by_code[code],
                                           defaults={"rating": rating})
    for action in row["actions"]:
        fields = dict(action)
        Action.objects.update_or_create(meeting=meeting, description=fields.pop("description"),
                                        defaults=fields)


# The demo's meetings are on the first and third Tuesdays, as most of seed
# 000's are (invented); a meeting on New Year's Day moves to the next week.
MEETING_DAY, MEETING_WEEKS = 1, [1, 3]
INVENTED = "Demo outcome: invented for the demonstration, not from the source documents."
SUMMARIES = {
    Rating.ASSURED: "The force showed sustained improvement, with evidence; the OPCC is assured.",
    Rating.PARTLY: "Progress shown, but gaps remain in the evidence; the OPCC is partly assured.",
    Rating.NOT_ASSURED: "The force could not yet show enough evidence of improvement.",
}
REVIEW_SUMMARY = "The force took the panel through the PEEL plan and the performance dashboard."
RATINGS = [Rating.PARTLY, Rating.ASSURED, Rating.PARTLY, Rating.NOT_ASSURED]
# Each rotation topic's actions (invented), found by a phrase of the topic:
# (phrase, force owner, force action, OPCC owner, OPCC action).
TOPIC_ACTIONS = [
    ("Violence Reduction", "Detective Chief Superintendent, Public Protection",
     "Report the domestic abuse arrest rate and outstanding suspects by area, with the plan "
     "to bring outstanding suspects down.",
     "OPCC Head of Commissioning",
     "Share the terms of reference of the review of domestic abuse victims' services."),
    ("Performance Leadership", "Deputy Chief Constable",
     "Show how performance below chief officer level is held to account, with an example "
     "from each area.",
     "OPCC Head of Performance",
     "Align the scorecard's exception reporting with the force's performance pack."),
    ("Reporting and Response", "Head of Crime and Communication Centre",
     "Provide the 999 and 101 answering trajectory to the end of the year, with the staffing "
     "plan behind it.",
     "OPCC Director of Operations",
     "Send the meeting's findings to the Police and Crime Panel's performance lead."),
    ("Public Confidence", "Superintendent, Neighbourhood Policing",
     "Set out how neighbourhood teams report back to communities after each "
     "priority-setting meeting.",
     "OPCC Head of Engagement",
     "Add the public confidence survey results to the next highlight report."),
    ("Investigating Crime", "Head of Criminal Justice",
     "Report compliance with the Victims' Code at first contact, by area.",
     "OPCC Victim Services Manager",
     "Sample victims' feedback on investigation updates and bring the findings to ELG."),
    ("Workforce planning", "Director of People",
     "Present the workforce plan for detective and call handler vacancies, with the "
     "leavers' trend.",
     "OPCC Chief Finance Officer",
     "Check the workforce plan against next year's budget assumptions."),
    ("Road Safety", "Head of Roads Policing",
     "Report killed and seriously injured casualties and drink and drug driving arrests "
     "against last year's, by month.",
     "OPCC Partnerships Manager",
     "Share the rural crime partnership's priorities with the force's rural crime team."),
]
REVIEW_ACTION = ("Head of Performance and Insight",
                 "Bring revised dates for every PEEL finding rated red to the next review.")
# The key lines of enquiry of a briefing the demo writes (invented), by theme.
DEMO_QUESTIONS = [
    ("Performance Leadership", "How does the Chief Constable know that {topic} is improving, "
     "and who is held to account where it is not?"),
    ("Workforce, Training and Development", "What training and supervision make sure officers "
     "and staff deliver {topic} to the standard the public should expect?"),
    ("Demand and Operational Staffing Performance", "How is the demand for {topic} forecast, "
     "and are resources planned to meet it?"),
    ("Victims and Offenders", "How are victims kept informed, and how does the force know "
     "they are satisfied with {topic}?"),
]


@transaction.atomic
def load_present(today: date) -> None:
    """The schedules of this half-year, the one before and the next, the
    meetings held by `today`, and an issued briefing for the next scrutiny
    meeting."""
    data = json.loads(DEMO_ELG.read_text(encoding="utf-8"))
    rotation = _rotation(data)
    half = HalfYear.of(today)
    for planned in (half.previous, half, half.next):  # the last six months held, whatever the day
        _schedule(planned, rotation, data)
    for meeting in Meeting.objects.filter(date__lt=today, status=MeetingStatus.SCHEDULED):
        _hold(meeting, today)
    coming = (Meeting.objects.filter(date__gte=today, kind=MeetingKind.SCRUTINY)
              .exclude(status=MeetingStatus.CANCELLED).first())
    if coming and not Briefing.objects.filter(meeting=coming).exists():
        _brief(coming)


def _rotation(data) -> list[str]:
    """Seed 000's scrutiny topics, in the order they took their turn."""
    return list(dict.fromkeys(m["topic"] for m in data["meetings"] if m["kind"] == "scrutiny"))


def _schedule(half: HalfYear, rotation: list[str], data) -> None:
    """The builder's proposal for a half-year with no meetings yet, the rotation
    carrying on after the last scrutiny meeting's topic."""
    if Meeting.objects.filter(half_year=half.key).exists():
        return
    dates = [day if (day.month, day.day) != (1, 1) else day + timedelta(days=7)
             for day in nth_weekdays(half.months, MEETING_DAY, MEETING_WEEKS)]
    taken = set(Meeting.objects.filter(date__in=dates).values_list("date", flat=True))
    dates = [day for day in dates if day not in taken]
    last = (Meeting.objects.filter(kind=MeetingKind.SCRUTINY, date__lt=min(dates))
            .order_by("date").last())
    turn = (rotation.index(last.topic) + 1) % len(rotation) if last and last.topic in rotation \
        else 0
    rows = [{"date": row.date, "kind": row.kind, "topic": row.topic,
             "objectives": objectives_named(row.topic) if row.kind == SCRUTINY else []}
            for row in propose(dates, rotation[turn:] + rotation[:turn], REVIEW_TOPIC)]
    services.save_schedule(half, rows, starts_at=time.fromisoformat(data["starts_at"]),
                           place=data["place"])


def _hold(meeting: Meeting, today: date) -> None:
    """A past meeting's invented outcome: a rating for each objective, and
    actions whose status is what it would be by `today`."""
    objectives = list(meeting.objectives.all())
    rating = RATINGS[meeting.date.toordinal() // 7 % len(RATINGS)]
    owner, action, opcc_owner, opcc_action = next(
        (row[1:] for row in TOPIC_ACTIONS if row[0] in meeting.topic), (*REVIEW_ACTION, "", ""))
    meeting.status = MeetingStatus.HELD
    meeting.save(update_fields=["status"])
    OutcomeNote.objects.create(
        meeting=meeting, text=f"{INVENTED}\n{SUMMARIES[rating] if objectives else REVIEW_SUMMARY}")
    for objective in objectives:
        Assurance.objects.create(meeting=meeting, objective=objective, rating=rating)
    actions = [(owner, action, Owner.FORCE, 42)]
    if opcc_action:
        actions.append((opcc_owner, opcc_action, Owner.OPCC, 28))
    for who, text, organisation, days in actions:
        due = meeting.date + timedelta(days=days)
        Action.objects.create(meeting=meeting, description=text, owner=who,
                              organisation=organisation, due_date=due,
                              status=_status_by(due, today, meeting.date))


def _status_by(due: date, today: date, held: date) -> str:
    """Most actions are done within a month of their date; one in three runs
    late and is still in progress; those not yet due are open."""
    if due >= today:
        return ActionStatus.OPEN
    late = held.toordinal() // 14 % 3 == 0
    if late or (today - due).days < 30:
        return ActionStatus.IN_PROGRESS
    return ActionStatus.COMPLETE


def _brief(meeting: Meeting) -> None:
    """An issued briefing for the meeting: a copy of the latest earlier one on
    its topic (the briefing page offers to start from one), or else one written
    from the topic."""
    previous = (Briefing.objects.filter(meeting__topic=meeting.topic,
                                        meeting__date__lt=meeting.date)
                .order_by("-meeting__date").first())
    topic = briefing_topic(meeting.topic)
    if previous:
        fields = {field: getattr(previous, field) for field in BRIEFING_FIELDS}
        questions = [(q.theme, q.text, q.source) for q in previous.questions.all()]
    else:
        fields = _written_briefing(meeting, topic)
        themes = {theme.name: theme for theme in Theme.objects.all()}
        questions = [(themes[name], text.format(topic=topic), None)
                     for name, text in DEMO_QUESTIONS]
    fields["status"] = BriefingStatus.ISSUED
    briefing = Briefing.objects.create(meeting=meeting, **fields)
    BriefingQuestion.objects.bulk_create(
        BriefingQuestion(briefing=briefing, theme=theme, text=text, order=order, source=source)
        for order, (theme, text, source) in enumerate(questions, start=1))


def briefing_topic(topic: str) -> str:
    """A schedule topic as a briefing names it: "1.2 Quality of policing
    services - Reporting and Response" is "Reporting and Response" (seed 000)."""
    names = [part.strip(" -/,") for part in OBJECTIVE_CODE.sub("|", topic).split("|")]
    return ", ".join(name.rpartition(" - ")[2] for name in names if name)


def _written_briefing(meeting: Meeting, topic: str) -> dict:
    codes = ", ".join(o.code for o in meeting.objectives.all())
    return {
        "topic": topic[:200],
        "purpose": f"To scrutinise the force's delivery of objective {codes} of the Police "
                   f"and Crime Plan: {topic}.",
        "force_asked": "A short presentation (max 5 slides) on performance, risks and the "
                       "plans to improve, sent a week before the meeting.",
        "executive_summary": "Demo briefing: invented for the demonstration, not from the "
                             "source documents. The OPCC's scorecard and the PEEL findings "
                             "for this objective are the evidence for the questions below.",
        "expectations": "Clear accountability for performance.\nEvidence of improvement "
                        "against the scorecard.\nA plan for each gap, with dates.",
        "focus": "",
    }
