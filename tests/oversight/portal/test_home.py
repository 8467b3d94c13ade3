"""Each role's home page shows its own work, and nothing it may not open:
every link on every role's home page opens for that role."""

import datetime
import re

import pytest
from django.urls import reverse

from oversight.core.roles import Role
from panel_reports import workflow
from panel_reports.models import PanelMeeting, Report
from scorecard.formats import add_months
from tests import access
from tests.conftest import sign_in
from tests.factories import (
    ActionFactory,
    AreaFactory,
    BriefingFactory,
    CoreActivityFactory,
    MeasureFactory,
    MeetingFactory,
    UserFactory,
)
from tests.pages import page_text
from tests.scorecard_data import THIS_MONTH, put_values

TODAY = datetime.date(2026, 11, 22)


@pytest.fixture
def work(current_plan, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: TODAY)
    staff, lead = UserFactory(role=Role.OPCC_STAFF), UserFactory(role=Role.OPCC_LEAD)
    force = AreaFactory(code="FORCE")
    held = MeasureFactory(name="Held measure", areas=[force])
    put_values(held, force, [1, 2], last=add_months(THIS_MONTH, -1))
    late = MeasureFactory(name="Late measure", areas=[force])
    put_values(late, force, [1, 2], last=add_months(THIS_MONTH, -2))
    month = datetime.date(2026, 9, 1)

    def report(author, start, step=None):
        made = workflow.create_draft(Report(period_start=start, period_end=start,
                                            reference_month=month), author)
        if step in ("submitted", "published"):
            workflow.submit(made, author)
        if step == "published":
            made = workflow.publish(made, lead)
        return made

    mine = report(staff, datetime.date(2026, 4, 1))
    theirs = report(UserFactory(role=Role.OPCC_STAFF), datetime.date(2026, 5, 1))
    waiting = report(staff, datetime.date(2026, 6, 1), "submitted")
    published = report(staff, datetime.date(2026, 7, 1), "published")
    next_draft = report(staff, datetime.date(2026, 8, 1))
    coming = PanelMeeting.objects.create(date=datetime.date(2026, 12, 10), place="Kennet Room")
    coming.items.create(title="Highlight report", report=published)
    coming.items.create(title="Draft highlight report", report=next_draft)
    PanelMeeting.objects.create(date=datetime.date(2027, 2, 4), place="Council Chamber")
    PanelMeeting.objects.create(date=datetime.date(2026, 6, 4), place="Past Room")
    elg = MeetingFactory(date=datetime.date(2026, 12, 1), topic="Neighbourhood policing")
    BriefingFactory(meeting=elg, topic="Neighbourhood briefing")
    MeetingFactory(date=datetime.date(2026, 12, 15), topic="Later meeting")
    ActionFactory(meeting=elg, description="Force action open", organisation="force")
    ActionFactory(meeting=elg, description="OPCC action open", organisation="opcc")
    ActionFactory(meeting=elg, description="Force action done", status="complete")
    CoreActivityFactory()  # the sections' own pages need something to show
    return {"staff": staff, "lead": lead, "mine": mine, "theirs": theirs, "waiting": waiting,
            "published": published, "next_draft": next_draft}


def home_of(client):
    return client.get(reverse("home"))


def test_staff_see_returns_due_their_drafts_and_the_opccs_actions(work, client):
    client.force_login(work["staff"])
    text = page_text(home_of(client))
    assert "Monthly returns due for October 2026" in text
    # Only the late measure's topic (each measure has its own topic).
    assert len(re.findall(r"Topic \d+ : \d+ values? missing", text)) == 1
    assert re.search(r"Topic \d+ : 1 value missing", text)
    assert work["mine"].title in text and work["theirs"].title not in text
    assert "OPCC action open" in text and "Force action open" not in text
    assert "Reports waiting for your approval" not in text


def test_the_lead_also_sees_reports_waiting_for_approval(work, client):
    sign_in(client, work["lead"])
    text = page_text(home_of(client))
    section = text.split("Reports waiting for your approval", 1)[1]
    assert section.split("Monthly returns due", 1)[0].count("Quarterly Highlight Report") == 1
    assert work["waiting"].title in section
    assert "Monthly returns due for October 2026" in text


def test_panel_members_see_the_latest_published_report_and_the_work_plan(work, panel_client):
    response = home_of(panel_client)
    text, html = page_text(response), response.content.decode()
    assert work["published"].title in text
    for draft in ("mine", "theirs", "waiting", "next_draft"):
        assert work[draft].title not in text
        assert work[draft].get_absolute_url() not in html
    assert "Thursday 10 December 2026" in text and "Thursday 4 February 2027" in text
    assert "Past Room" not in text
    # The draft's agenda item is listed, not linked.
    assert "Draft highlight report" in text


def test_officers_see_the_next_elg_meeting_its_briefing_and_the_forces_actions(
        work, officer_client):
    text = page_text(home_of(officer_client))
    assert "Tuesday 1 December 2026, 10:00: Neighbourhood policing" in text
    assert "Read and print the KLOE briefing: Neighbourhood briefing" in text
    assert "Force action open" in text and "OPCC action open" not in text
    assert "Force action done" not in text and "Later meeting" not in text


def test_an_unissued_briefing_is_not_offered_to_officers(work, officer_client):
    from elg.models import Briefing

    Briefing.objects.update(status="draft")
    text = page_text(home_of(officer_client))
    assert "The OPCC has not issued the briefing yet" in text
    assert "Neighbourhood briefing" not in text


def test_administrators_see_users_and_roles(work, administrator_client):
    text = page_text(home_of(administrator_client))
    assert "Users and roles" in text and "OPCC staff: " in text
    assert work["staff"].username in text


@pytest.mark.parametrize("role", [r for r in access.ROLES if r], ids=str)
def test_every_link_on_a_home_page_opens_for_its_reader(role, work, client_for):
    client = client_for(role)
    html = home_of(client).content.decode()
    main = html.split('<main', 1)[1].split("</main>", 1)[0]
    links = set(re.findall(r'href="(/[^"#]*)', main))
    assert links, "a home page links to the reader's work"
    for url in sorted(links):
        status = client.get(url.replace("&amp;", "&")).status_code
        assert status == 200, f"{role}: {url} gave {status}"
