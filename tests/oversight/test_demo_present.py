"""load_demo on a day long after the seeds (14 May 2025): every role's home
page lists that day's work, the calendars and reports run up to it, and a
later load (10 March 2026) adds the time since without changing anything."""

import datetime
import io
import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from elg.models import Action, Briefing, Meeting, MeetingKind, OutcomeNote
from oversight.peel.models import ProgressUpdate
from panel_reports.models import PanelMeeting, Report
from scorecard.demo import LATE_TOPICS
from scorecard.models import MonthlyValue
from tests.conftest import sign_in
from tests.pages import page_text

FROZEN = datetime.date(2025, 5, 14)
LATER = datetime.date(2026, 3, 10)
# The first and third Tuesdays of the months around 14 May 2025.
MAY_2025 = [datetime.date(2025, 5, 6), datetime.date(2025, 5, 20)]


def load_on(day):
    call_command("load_demo", "--noinput", "--today", day.isoformat(), stdout=io.StringIO())


@pytest.fixture(scope="module")
def frozen_demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_on(FROZEN)
        yield
        call_command("flush", "--noinput")
        from oversight.core.roles import sync_roles

        sync_roles()


@pytest.fixture
def on_frozen_day(frozen_demo, db, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: FROZEN)


def home_text(client, username):
    sign_in(client, get_user_model().objects.get(username=username))
    return page_text(client.get(reverse("home")))


def test_staff_home_lists_the_late_returns_the_quarters_draft_and_open_actions(
        on_frozen_day, client):
    text = home_text(client, "staff")
    assert "Monthly returns due for April 2025" in text
    assert len(re.findall(r": \d+ values? missing", text)) == len(LATE_TOPICS)
    assert all(re.search(f"{re.escape(topic)} ?: \\d+ values? missing", text)
               for topic in LATE_TOPICS)
    assert "Quarterly Highlight Report April – June 2025" in text  # the staff's own draft
    section = text.split("The OPCC's open actions", 1)[1]
    assert any(action.description in section for action in Action.objects.filter(
        organisation="opcc", meeting__date__year=2025).still_open())


def test_the_leads_home_has_the_same_returns_and_actions(on_frozen_day, client):
    text = home_text(client, "lead")
    assert "Monthly returns due for April 2025" in text
    assert all(topic in text for topic in LATE_TOPICS)


def test_panel_home_shows_the_last_quarters_report_and_the_coming_meetings(
        on_frozen_day, client):
    text = home_text(client, "panel")
    assert "Quarterly Highlight Report January – March 2025" in text
    assert "April – June 2025" not in text  # the draft
    assert "Thursday 26 June 2025" in text  # the next meeting, invented


def test_officer_home_shows_the_next_meeting_and_the_forces_open_actions(
        on_frozen_day, client):
    text = home_text(client, "officer")
    assert "Tuesday 20 May 2025, 10:00" in text
    open_2025 = Action.objects.filter(organisation="force", meeting__date__year=2025,
                                      meeting__date__lt=FROZEN).still_open()
    assert open_2025.exists()
    assert any(action.description in text for action in open_2025)


def test_the_next_scrutiny_meeting_has_an_issued_briefing(on_frozen_day, client):
    coming = Meeting.objects.filter(date__gte=FROZEN, kind=MeetingKind.SCRUTINY).first()
    assert coming.date == datetime.date(2025, 6, 3)
    assert coming.briefing.is_issued
    sign_in(client, get_user_model().objects.get(username="officer"))
    text = page_text(client.get(reverse("elg:briefing", args=[coming.pk])))
    assert "Key lines of enquiry" in text and coming.briefing.topic in text


def test_this_the_last_and_next_half_years_schedules_come_from_the_builder(on_frozen_day):
    for half in ("2024-H2", "2025-H1", "2025-H2"):
        meetings = list(Meeting.objects.filter(half_year=half))
        assert len(meetings) == 12
        assert all(m.date.weekday() == 1 and (m.date.day - 1) // 7 in (0, 2) for m in meetings)
        assert [m.kind for m in meetings] == ["scrutiny", "review"] * 6
    may = Meeting.objects.filter(date__in=MAY_2025)
    assert [m.kind for m in may] == ["scrutiny", "review"]
    # The rotation carries on after seed 000's last topic (28 November 2022).
    first = Meeting.objects.filter(half_year="2024-H2").first()
    assert first.topic.startswith("2.1 Violence Reduction")
    after = Meeting.objects.filter(half_year="2025-H1", kind="scrutiny").first()
    assert after.topic.startswith("3.2 Road Safety")  # 2024-H2 dealt the first six


def test_past_meetings_have_invented_outcomes_and_some_actions_still_open(on_frozen_day):
    held = Meeting.objects.filter(half_year="2025-H1", date__lt=FROZEN)
    assert held.count() == 9
    for meeting in held:
        assert meeting.status == "held"
        assert meeting.outcome_notes.get().text.startswith("Demo outcome: invented")
        assert meeting.actions.exists()
        if meeting.is_scrutiny:
            assert meeting.assurances.count() == meeting.objectives.count() > 0
    statuses = set(Action.objects.filter(meeting__in=held).values_list("status", flat=True))
    assert statuses == {"open", "progress", "complete"}
    assert not Meeting.objects.filter(date__gte=FROZEN, status="held").exists()


def test_peel_findings_have_updates_in_each_recent_month(on_frozen_day):
    for month in (2, 3, 4):
        assert ProgressUpdate.objects.filter(date__year=2025, date__month=month).count() >= 5
    assert not ProgressUpdate.objects.filter(date__gt=FROZEN).exists()


def test_panel_meetings_run_through_the_coming_year(on_frozen_day):
    coming = PanelMeeting.objects.filter(date__gt=FROZEN)
    assert coming.count() >= 5
    assert coming.last().date >= FROZEN + datetime.timedelta(days=365)
    assert all("invented for the demo" in m.place for m in coming)


def test_the_last_quarters_report_is_published_by_the_workflow_beside_the_seeds(on_frozen_day):
    march = Report.objects.get(period_start=datetime.date(2025, 1, 1))
    assert march.status == "published" and march.published_by.username == "lead"
    assert [e.action for e in march.events.all()] == ["published", "submitted"]
    assert march.published_at.date() == datetime.date(2025, 2, 27)  # a week before 6 March
    assert march.agenda_items.get().meeting.date == datetime.date(2025, 3, 6)
    seed = Report.objects.get(period_start=datetime.date(2023, 9, 1))
    assert seed.published_at.date() == datetime.date(2023, 12, 7)
    draft = Report.objects.get(status="draft")
    assert draft.period == "April – June 2025" and draft.created_by.username == "staff"


def state():
    """What a later load must leave as it is."""
    return {
        "values": set(MonthlyValue.objects.values_list(
            "measure", "area", "month", "value", "numerator", "denominator", "weight")),
        "reports": {(pk, status, json.dumps(snapshot, sort_keys=True), at)
                    for pk, status, snapshot, at in Report.objects.values_list(
                        "pk", "status", "snapshot", "published_at")},
        "meetings": set(Meeting.objects.filter(date__lt=FROZEN).values_list(
            "pk", "date", "status", "topic")),
        "notes": set(OutcomeNote.objects.values_list("pk", "meeting", "text", "recorded_at")),
        "actions": set(Action.objects.values_list("pk", "description", "status", "due_date")),
        "briefings": set(Briefing.objects.values_list("pk", "meeting", "topic", "status")),
        "updates": set(ProgressUpdate.objects.values_list("pk", "date", "rag", "narrative")),
    }


def test_a_later_day_extends_the_demo_without_changing_anything(on_frozen_day):
    """Last in the module: it moves the demo on to 10 March 2026."""
    before = state()
    load_on(LATER)
    after = state()
    for part, rows in before.items():
        assert rows <= after[part], part
    for part in ("values", "reports", "actions", "briefings", "updates"):
        assert len(after[part]) > len(before[part]), part  # and the time since was added
    assert MonthlyValue.objects.filter(month=datetime.date(2026, 2, 1)).exists()
    assert Meeting.objects.filter(half_year="2026-H2").count() == 12
    assert not Meeting.objects.filter(date__gte=LATER, status="held").exists()
    assert Report.objects.get(period_start=datetime.date(2025, 10, 1)).status == "published"
    assert Report.objects.get(period_start=datetime.date(2026, 1, 1)).status == "draft"
