"""Demo panel business (fixtures/demo_panel.json, from seed 001): the acronyms
glossary, the panel's meetings and forward work plan, and the September –
December 2023 highlight report built from the demo data and published.

Then the present (`load_present`): the panel's meetings through the coming
year, the last completed quarter's report published and the current
quarter's drafted, by the workflow users take. A report already there is left
alone: a published one is frozen, and a draft may have been edited."""

import calendar
import json
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from oversight.peel.models import Inspection
from panel_reports import workflow
from panel_reports.models import Acronym, AgendaItem, PanelMeeting, Report
from scorecard.formats import add_months, month_of

DEMO_PANEL = Path(settings.BASE_DIR) / "fixtures" / "demo_panel.json"
# A week before the panel meeting of 14 December 2023, as the agenda pack went out.
PUBLISHED_AT = datetime(2023, 12, 7, 12, 0, tzinfo=UTC)


@transaction.atomic
def load_panel(staff_username="staff", lead_username="lead") -> list[Report]:
    data = json.loads(DEMO_PANEL.read_text(encoding="utf-8"))
    for acronym, meaning in data["acronyms"]:
        Acronym.objects.update_or_create(acronym=acronym, defaults={"meaning": meaning})
    meetings = {entry["date"]: _meeting(entry) for entry in data["meetings"]}
    users = get_user_model().objects.in_bulk([staff_username, lead_username],
                                             field_name="username")
    staff, lead = users[staff_username], users[lead_username]
    reports = [_report(entry, meetings, staff, lead) for entry in data["reports"]]
    for entry in data["meetings"]:
        if "report_item" in entry:
            report = next(r for r in reports if r.meeting_id == meetings[entry["date"]].pk)
            AgendaItem.objects.filter(meeting=meetings[entry["date"]],
                                      title=entry["report_item"]).update(report=report)
    return reports


def _meeting(entry) -> PanelMeeting:
    """The demo has one panel meeting a day, so a meeting is found by its date
    (its place may have been corrected); its agenda is the entry's."""
    meeting, _ = PanelMeeting.objects.update_or_create(
        date=date.fromisoformat(entry["date"]), defaults={
            "place": entry["place"], "starts_at": time.fromisoformat(entry["starts_at"]),
            "ends_at": time.fromisoformat(entry["ends_at"]) if entry["ends_at"] else None})
    meeting.items.exclude(title__in=entry["items"]).delete()
    for order, title in enumerate(entry["items"]):
        AgendaItem.objects.update_or_create(meeting=meeting, title=title,
                                            defaults={"order": order})
    return meeting


def _report(entry, meetings, staff, lead) -> Report:
    start, end = month_of(entry["period_start"]), month_of(entry["period_end"])
    existing = Report.objects.filter(period_start=start, period_end=end, version=1).first()
    if existing:
        return existing
    report = workflow.create_draft(Report(
        period_start=start, period_end=end, reference_month=month_of(entry["reference_month"]),
        meeting=meetings[entry["meeting"]], assessment=entry["assessment"],
        inspection=Inspection.objects.order_by("-published_on").first()), staff)
    for number, texts in entry["sections"].items():
        report.sections.filter(priority__number=int(number)).update(**texts)
    for name, actions in entry["now_what"].items():
        report.topic_pages.filter(topic__name=name).update(now_what=actions)
    report.topic_pages.filter(topic__name__in=entry["charts"]).update(show_charts=True)
    if entry["publish"]:
        workflow.submit(report, staff)
        report = workflow.publish(report, lead, at=PUBLISHED_AT)
    return report


QUARTERLY = "Quarterly Plan Delivery Update"
REPORT_ITEMS = ["PCC Update", QUARTERLY, "Communications"]
INVENTED_PLACE = " (date and venue invented for the demo)"
KENNET = "Kennet Room, County Hall, Trowbridge"
MONKTON = "Council Chamber, Monkton Park, Chippenham"
SWINDON = "Committee Room 6, Swindon Borough Council Offices"
# The panel's year after seed 001's 2024 dates (invented, in their pattern): the
# budget in January, the precept in February, a quarterly report in the last
# month of each quarter. (month, Thursday of the month (-1: the last), start,
# place, agenda with {year} and {next} the financial year's.)
PANEL_YEAR = [
    (1, 3, "10:30", KENNET, ["PCC Budget {year}/{next} and Medium Term Financial Strategy",
                             "Communications"]),
    (2, 2, "10:30", MONKTON, ["PCC's Precept Proposal {year}/{next}", "Communications"]),
    (3, 1, "10:30", SWINDON, REPORT_ITEMS),
    (6, -1, "10:30", KENNET, [*REPORT_ITEMS[:2], "PCC Annual Report {last}/{year_short}",
                              "Communications"]),
    (9, -1, "13:30", MONKTON, REPORT_ITEMS),
    (12, 2, "10:30", SWINDON, REPORT_ITEMS),
]
PRESENT_FROM = date(2025, 1, 1)  # seed 001 gives the dates of 2024
INVENTED_TEXT = "Demo text: invented for the demonstration, not from the source documents."
SECTION_TEXTS = {
    "outcomes": f"{INVENTED_TEXT}\nThe deliverables due this quarter are on track; see the "
                "progress table.",
    "focus": "The deliverables that are behind, and the measures with statistical exceptions.",
    "risks": "Recruitment and retention of call handlers and detectives.",
}


def panel_year(year: int) -> list[dict]:
    """The demo's invented panel meetings of a year, as fixture entries."""
    entries = []
    for month, week, starts_at, place, items in PANEL_YEAR:
        thursdays = [days[calendar.THURSDAY] for days in calendar.monthcalendar(year, month)
                     if days[calendar.THURSDAY]]
        names = {"year": year, "next": f"{(year + 1) % 100:02d}", "last": year - 1,
                 "year_short": f"{year % 100:02d}"}
        day = date(year, month, thursdays[week if week < 0 else week - 1])
        entries.append({"date": day.isoformat(),
                        "starts_at": starts_at, "ends_at": "13:00" if starts_at < "12" else
                        "16:00", "place": place + INVENTED_PLACE,
                        "items": [item.format(**names) for item in items]})
    return entries


@transaction.atomic
def load_present(today: date, staff_username="staff", lead_username="lead") -> list[Report]:
    """The panel's meetings to the end of next year; the last completed
    quarter's report published and the current quarter's drafted, if missing."""
    later = json.loads(DEMO_PANEL.read_text(encoding="utf-8"))["later_meetings"]
    for entry in later + [e for year in range(PRESENT_FROM.year, today.year + 2)
                          for e in panel_year(year)]:
        _meeting(entry)
    users = get_user_model().objects.in_bulk([staff_username, lead_username],
                                             field_name="username")
    this_quarter = quarter_start(today)
    reports = []
    for start, publish in ((add_months(this_quarter, -3), True), (this_quarter, False)):
        if start >= date(2024, 1, 1):  # the seed's report covers the quarters before
            reports.append(_quarter_report(start, publish, today, users[staff_username],
                                           users[lead_username]))
    return reports


def quarter_start(day: date) -> date:
    return date(day.year, (day.month - 1) // 3 * 3 + 1, 1)


def _quarter_report(start, publish, today, staff, lead) -> Report:
    """A quarter's report as staff draft it and the lead publishes it, a week
    before its panel meeting (the quarter's last meeting)."""
    end = add_months(start, 2)
    meeting = (PanelMeeting.objects.filter(date__gte=start, date__lt=add_months(end, 1))
               .order_by("-date").first())
    published_on = min(meeting.date - timedelta(days=7), today) if meeting else today
    report = Report.objects.filter(period_start=start, period_end=end).order_by("-version").first()
    if report is None:
        on = published_on if publish else today
        report = workflow.create_draft(Report(
            period_start=start, period_end=end, reference_month=add_months(on.replace(day=1), -2),
            meeting=meeting, assessment=INVENTED_TEXT,
            inspection=Inspection.objects.order_by("-published_on").first()), staff)
        report.sections.update(**SECTION_TEXTS)
        if meeting:
            AgendaItem.objects.filter(meeting=meeting, title=QUARTERLY).update(report=report)
    if publish and report.status == Report.Status.DRAFT:
        workflow.submit(report, staff)
    if publish and report.status != Report.Status.PUBLISHED:
        report = workflow.publish(report, lead, at=datetime.combine(
            published_on, time(12, 0), tzinfo=UTC))
    return report
