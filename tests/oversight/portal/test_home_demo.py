"""Each role's home page on the demo as `make run` loads it, on the real date:
current work, not 2023's."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from elg.models import Meeting
from panel_reports.demo import quarter_start
from panel_reports.models import Report
from scorecard.demo import LATE_TOPICS, last_complete_month
from scorecard.formats import add_months
from tests.conftest import sign_in
from tests.pages import page_text

pytestmark = pytest.mark.django_db


def home_text(client, username):
    sign_in(client, get_user_model().objects.get(username=username))
    return page_text(client.get(reverse("home")))


def test_staff_and_the_lead_see_last_months_late_returns_and_this_quarters_draft(demo, client):
    today = timezone.localdate()
    for username in ("staff", "lead"):
        text = home_text(client, username)
        assert f"Monthly returns due for {last_complete_month(today):%B %Y}" in text
        assert all(topic in text for topic in LATE_TOPICS)
        assert "There are no open actions." not in text
    draft = Report.objects.get(status="draft", period_start=quarter_start(today))
    assert draft.title in home_text(client, "staff")


def test_panel_members_see_last_quarters_report_and_the_next_meeting(demo, client):
    today = timezone.localdate()
    latest = Report.objects.published().order_by("-period_end").first()
    assert latest.period_start == add_months(quarter_start(today), -3)
    text = home_text(client, "panel")
    assert latest.title in text
    assert "No panel meeting is scheduled" not in text


def test_officers_see_the_next_elg_meeting_and_open_actions(demo, client):
    today = timezone.localdate()
    coming = Meeting.objects.filter(date__gte=today).first()
    text = home_text(client, "officer")
    assert f"{coming.date:%A %-d %B %Y}, 10:00" in text
    assert "There are no open actions." not in text
