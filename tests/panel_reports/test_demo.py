"""The demo's panel business against seed 001: the September – December 2023
highlight report published, the acronyms glossary, the 14 December 2023
meeting's agenda and the forward work plan."""

import datetime

import pytest
from django.urls import reverse

from panel_reports.demo import load_panel
from panel_reports.models import Acronym, PanelMeeting, Report
from tests.pages import cells, page_text

pytestmark = pytest.mark.django_db


def published():
    """Seed 001's report (the demo also publishes the last completed quarter's)."""
    return Report.objects.published().get(period_start=datetime.date(2023, 9, 1))


def part(report, kind):
    return next(p for p in report.snapshot["parts"] if p["kind"] == kind)


def test_the_december_report_is_published_at_seed_001s_meeting(demo):
    report = published()
    assert report.title == "Quarterly Highlight Report September – December 2023"
    assert report.published_at.date() == datetime.date(2023, 12, 7)
    assert report.meeting.date == datetime.date(2023, 12, 14)
    assert [e.action for e in report.events.all()] == ["published", "submitted"]


def test_the_december_meeting_is_seed_001s_agenda(demo):
    meeting = PanelMeeting.objects.get(date=datetime.date(2023, 12, 14))
    assert meeting.place == ("Committee Room 6, Swindon Borough Council Offices, Euclid St, "
                             "Swindon SN1 2JH")
    assert [item.title for item in meeting.items.all()] == [
        "Apologies for Absence", "Minutes and Matters Arising", "Declarations of Interest",
        "Chairman's Announcements", "Public Participation",
        "PEEL ENGAGE Process - Progress Update",
        "Police and Crime Plan Highlight and Performance Report",
        "Focus Topic - Neighbourhood Policing", "Update from the Police and Crime Commissioner",
        "Forward Work Plan", "Communications", "Any Other Business", "Future Meeting Dates"]
    assert meeting.items.get(report__isnull=False).report == published()


def test_the_report_has_seed_001s_parts_in_its_order(demo):
    parts = published().snapshot["parts"]
    assert [p["title"] for p in parts if p["level"] == 1] == [
        "Priority 1: A police service that meets the needs of its community",
        "Priority 2: Reduce violence and serious harm",
        "Priority 3: Tackle crimes that matter to local communities",
        "Priority 4: Improve the experience of victims and deliver justice",
        "PEEL progress report", "Overall PCC assessment",
        "Police and Crime Panel forward work plan", "Acronyms"]
    assert sum(p["kind"] == "topic" for p in parts) == 14


def test_the_999_page_prints_seed_001s_figures(panel_client, demo):
    report = published()
    url = reverse("panel_reports:part", args=[
        report.pk, "topic-crime-communication-centre-999-service"])
    rows = {row[0]: row for row in cells(panel_client.get(url)) if row}
    assert rows["Call Answered Volume: 999"][2:6] == ["9,429", "29,451", "107,875", "17.7%"]
    assert rows["Abandonment Rate: All 999"][5] == "-1.2% points"
    text = page_text(panel_client.get(url))
    assert "Call Answered Volume: 999 is recording a year-on-year increase of 17.7%." in text
    assert "Daily performance meeting to review call answering times" in text


def test_topics_with_later_data_are_shown_at_their_latest_month(demo):
    violence = next(p for p in published().snapshot["parts"]
                    if p["title"] == "Violence with Injury")
    assert violence["month_label"] == "Sep-2023"  # as seed 001 prints it


def test_the_complaints_page_compares_with_other_forces(demo):
    complaints = next(p for p in published().snapshot["parts"]
                      if p["title"] == "Dissatisfaction/Complaint volumes")
    table = complaints["comparisons"]
    assert table["columns"] == ["Force", "SPLY", "MSF Average", "National"]
    assert table["rows"][0] == {"label": "Complaint cases logged",
                                "cells": ["371", "311", "259", "20,503"]}


def test_acronyms_used_are_listed_and_the_work_plan_looks_ahead(demo):
    report = published()
    used = [entry["acronym"] for entry in part(report, "glossary")["entries"]]
    assert {"CCC", "DA", "RASSO", "SLA", "THRIVE", "Median"} <= set(used)
    assert "EOTAS" not in used  # in the glossary, not in the report
    plan = part(report, "forward_plan")["meetings"]
    assert [m["date"] for m in plan] == ["Thursday 18 January 2024", "Thursday 8 February 2024",
                                         "Thursday 7 March 2024"]
    assert plan[0]["time"] == "10:30am–1pm"


def test_deliverables_come_from_the_plan(demo):
    actions = [d["action"] for d in part(published(), "priority")["deliverables"]]
    assert "Tidworth police building" in actions


def test_loading_again_changes_nothing(demo):
    before = published().snapshot
    counts = (Report.objects.count(), Acronym.objects.count(), PanelMeeting.objects.count())
    load_panel()
    assert published().snapshot == before
    assert (Report.objects.count(), Acronym.objects.count(),
            PanelMeeting.objects.count()) == counts
