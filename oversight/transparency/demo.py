"""Demo data for the public site: the measures tagged to the national
priorities, a 7A statement at the latest month, seed 001's complaints
comparison, decisions (two published, one a draft), the PEEL inspection's s.55
response, one ELG meeting's published notes and each year's annual report.
Each is published by the demo's staff and lead, once: loading again changes
nothing. Every text but seed 001's figures is invented, and says so."""

from datetime import date, datetime, time
from decimal import Decimal

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from elg.models import Meeting, MeetingStatus, PublishedNotes
from oversight.core import publishing
from oversight.core.publications import Publication, Publishable, Publishing
from oversight.peel.models import Inspection
from oversight.peel.response_service import start_response
from oversight.transparency.models import (
    ComplaintsInformation,
    Decision,
    NationalPrioritiesStatement,
)
from panel_reports.models import AnnualReport
from scorecard.models import Measure, MonthlyValue, NationalPriority
from scorecard.national import NATIONAL_PRIORITIES

DEMO = "(Demo text.)"
# Which demo measures show the force's contribution to which priority.
TAGS = {
    "serious-violence": ["VWI-VOL", "VWI-FAT"],
    "neighbourhood-crime": ["BUR-VOL", "BUR-FAT", "ASB-CRIME"],
    "victim-satisfaction": ["VV-SAT", "DA-ARR", "DA-FAT-RATE"],
}
WHY = {
    "homicide": "Homicide is rare in the county; every case is reviewed. " + DEMO,
    "serious-violence": "Violence with injury is a Plan priority (priority 1). " + DEMO,
    "drugs-supply": "County lines reach the county's towns from neighbouring cities. " + DEMO,
    "neighbourhood-crime": "Burglary and anti-social behaviour matter most to residents in "
                           "the Plan's consultation. " + DEMO,
    "cyber-crime": "Fraud and cyber crime are led regionally; the force contributes. " + DEMO,
    "victim-satisfaction": "Victims' satisfaction, and domestic abuse victims' above all, is "
                           "the Plan's priority 3. " + DEMO,
}
DECISIONS = [
    ("2023/014", date(2023, 10, 2), "Funding for the Safer Streets scheme in Swindon",
     "£250,000 over two years for street lighting, CCTV and youth outreach.", True),
    ("2023/015", date(2023, 11, 6), "Contract for victim support services",
     "A three-year contract for support to victims of crime, from April 2024.", True),
    ("2023/016", date(2023, 12, 4), "Estates review: Salisbury police station",
     "Options for the future of the station, for consultation.", False),
]


@transaction.atomic
def load_transparency(today: date) -> int:
    """The demo's public records; returns how many were published by this load."""
    staff, lead = User.objects.get(username="staff"), User.objects.get(username="lead")
    tag_measures()
    records: list[tuple[Publishable, datetime]] = [
        (statement(), timezone.now()),
        (complaints(), at(date(2023, 10, 20))),
    ]
    for number, day, title, summary, published in DECISIONS:
        decision = decision_of(number, day, title, summary)
        if published:
            records.append((decision, at(day)))
    inspection = Inspection.objects.filter(kind=Inspection.Kind.PEEL).first()
    if inspection is not None:
        records.append((s55_response(inspection), at(inspection.response_published_on
                                                     or today)))
    notes = meeting_notes()
    if notes is not None:
        records.append(notes)
    records += annual_reports(today)
    return sum(publish_once(record, when, staff, lead) for record, when in records)


def at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(9, 0)))


def publish_once(record: Publishable, when: datetime, staff: User, lead: User) -> bool:
    if Publication.objects.filter(kind=record.public_kind, key=record.public_key()).exists():
        return False
    if record.publishing != Publishing.SUBMITTED:
        publishing.submit(record, staff)
    publishing.publish(record, lead, at=when)
    return True


def tag_measures() -> None:
    for order, (code, title) in enumerate(NATIONAL_PRIORITIES, start=1):
        NationalPriority.objects.get_or_create(code=code, defaults={"title": title,
                                                                   "order": order})
    for code, measures in TAGS.items():
        Measure.objects.filter(code__in=measures).update(
            national_priority=NationalPriority.objects.get(code=code))


def statement() -> NationalPrioritiesStatement:
    latest = MonthlyValue.objects.order_by("-month").values_list("month", flat=True).first()
    found, created = NationalPrioritiesStatement.objects.get_or_create(
        reference_month=latest or date(2023, 10, 1), defaults={
            "introduction": "The Police and Crime Plan's priorities and the national "
                            "priorities for policing overlap; this statement says how. " + DEMO})
    if created:
        for priority in NationalPriority.objects.all():
            found.contributions.create(priority=priority, why=WHY.get(priority.code, DEMO),
                                       applies=priority.code not in {"cyber-crime"})
    return found


def complaints() -> ComplaintsInformation:
    """Seed 001's comparison (IOPC bulletin, April to June 2023)."""
    found, _ = ComplaintsInformation.objects.get_or_create(
        period_end=date(2023, 6, 1), defaults={
            "period": "April to June 2023",
            "how_to_complain": "Complain to the force online, by phone or at any police "
                               "station. If you are unhappy with how your complaint was "
                               "handled, you may ask the office to review it. " + DEMO,
            "our_role": "The office reviews complaints on request and scrutinises the force's "
                        "handling of complaints at its meetings with the chief constable. "
                        + DEMO,
            "commentary": "The force is above its most similar group's average; recording "
                          "practice has been aligned with other forces'. " + DEMO,
            "cases_logged": 371, "cases_logged_last_year": 311, "cases_logged_group": 259,
            "cases_logged_national": 20503, "per_thousand": Decimal("149"),
            "per_thousand_last_year": Decimal("125"), "per_thousand_group": Decimal("74"),
            "per_thousand_national": Decimal("81")})
    return found


def decision_of(number: str, day: date, title: str, summary: str) -> Decision:
    found, _ = Decision.objects.get_or_create(number=number, defaults={
        "date": day, "title": title, "summary": f"{summary} {DEMO}",
        "decision_maker": "Police and Crime Commissioner",
        "record": f"Background, options, cost and the advice taken. {DEMO}"})
    return found


def s55_response(inspection: Inspection) -> Publishable:
    response = start_response(inspection)
    if not response.chief_officer_comments:
        response.chief_officer_invited_on = inspection.published_on
        response.chief_officer_received_on = inspection.published_on.replace(day=29)
        response.chief_officer_comments = ("The force accepts the inspection's findings and "
                                           "has a plan for each recommendation. " + DEMO)
        response.response_to_chief_officer = ("The Commissioner welcomes the plan and will "
                                              "scrutinise its delivery at ELG. " + DEMO)
        response.comments = "The inspection's findings reflect the office's own scrutiny. " + DEMO
        response.save()
        response.explanations.filter(explanation="").update(
            explanation="The force's plan sets out the action, its owner and its date. " + DEMO)
    return response


def meeting_notes() -> tuple[Publishable, datetime] | None:
    meeting = (Meeting.objects.filter(status=MeetingStatus.HELD, outcome_notes__isnull=False)
               .order_by("date").first())
    if meeting is None:
        return None
    notes, _ = PublishedNotes.objects.get_or_create(meeting=meeting, defaults={
        "title": f"Executive Leadership Group: {meeting.topic}",
        "notes": "\n".join(note.text for note in meeting.outcome_notes.all())})
    return notes, at(meeting.date)


def annual_reports(today: date) -> list[tuple[Publishable, datetime]]:
    """Each financial year's s.12 report since the duty began, published in July."""
    found: list[tuple[Publishable, datetime]] = []
    for year in range(2023, today.year):
        published_on = date(year + 1, 7, 15)
        if published_on > today:
            break
        report, _ = AnnualReport.objects.get_or_create(year_start=date(year, 4, 1), defaults={
            "foreword": "The year's work to hold the force to account. " + DEMO,
            "progress": "Every Plan objective has a lead and a measure.\n"
                        "The year's quarterly reports follow. " + DEMO})
        found.append((report, at(published_on)))
    return found
