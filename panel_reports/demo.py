"""Demo panel business (fixtures/demo_panel.json, from seed 001): the acronyms
glossary, the panel's meetings and forward work plan, the September –
December 2023 highlight report built from the demo data and published, and a
draft for the next quarter. A report already there is left alone: a
published one is frozen, and a draft may have been edited."""

import json
from datetime import UTC, date, datetime, time
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from oversight.peel.models import Inspection
from panel_reports import workflow
from panel_reports.models import Acronym, AgendaItem, PanelMeeting, Report
from scorecard.formats import month_of

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
    meeting, _ = PanelMeeting.objects.update_or_create(
        date=date.fromisoformat(entry["date"]), place=entry["place"], defaults={
            "starts_at": time.fromisoformat(entry["starts_at"]),
            "ends_at": time.fromisoformat(entry["ends_at"])})
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
