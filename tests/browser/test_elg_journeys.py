"""OPCC staff build next half-year's ELG schedule, write a briefing from the
question bank and record an outcome with two actions; a force officer opens
the briefing, downloads its PDF and prints it; a panel member cannot open ELG pages.
Every page passes axe."""

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from elg.models import Action, Meeting, Question
from oversight.core.roles import Role
from tests.browser.journey import sign_in, violations
from tests.factories import ThemeFactory, UserFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def bank(plan):  # noqa: F811
    question = Question.objects.create(
        theme=ThemeFactory(name="Performance Leadership", order=1),
        text="How is the performance management of Reporting and Response overseen?")
    question.objectives.set([plan["1.2"]])
    ThemeFactory(name="Victims and Offenders", order=2)
    return question


def test_staff_schedule_brief_and_record_then_officer_prints(page, browser, live_server, bank):
    found = []
    sign_in(page, UserFactory(role=Role.OPCC_STAFF).username)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="ELG meetings").click()
    found += violations(page)
    page.get_by_role("link", name="Build a half-year's schedule").click()
    page.get_by_label("Year", exact=True).fill("2027")
    page.get_by_label("Half-year").select_option(label="H1 (January to June)")
    page.get_by_label("Meeting day").select_option(label="Tuesday")
    page.get_by_label("First").check()
    page.get_by_label("Third").check()
    page.get_by_label("Topic rotation").fill(
        "1.2 Quality of policing services - Reporting and Response\n3.2 Road Safety")
    found += violations(page)
    page.get_by_role("button", name="Propose the schedule").click()
    assert page.get_by_label("Meeting 2: kind").input_value() == "review"
    found += violations(page)
    page.get_by_role("button", name="Save the schedule").click()
    expect(page.get_by_text("Saved 12 ELG meetings for H1 2027.")).to_be_visible()
    table = page.get_by_role("table", name="H1 2027 schedule of ELG meeting topics")
    assert table.get_by_role("row").nth(1).inner_text().startswith("05 January")
    found += violations(page)

    table.get_by_role("link", name="05 January").click()
    found += violations(page)
    page.get_by_role("link", name="Write the KLOE briefing").click()
    page.get_by_label("Topic", exact=True).fill("Reporting and Response")
    page.get_by_label("Meeting purpose").fill("Review objective 1.2.")
    page.get_by_label("What the force is asked to provide").fill("At most 5 slides.")
    page.get_by_label("Executive summary").fill("Change is required.")
    page.get_by_label("The OPCC's expectations").fill("Quality improves.\nAccountability.")
    page.get_by_label("Status").select_option(label="Issued to the force")
    found += violations(page)
    page.get_by_role("button", name="Save and choose the questions").click()
    page.get_by_label(bank.text).check()
    page.get_by_role("button", name="Add the chosen questions").click()
    page.get_by_role("button", name="Add the question").click()  # nothing written yet
    expect(page.get_by_role("link", name="Enter the question")).to_be_visible()
    found += violations(page)
    page.get_by_label("Theme").select_option(label="Victims and Offenders")
    page.get_by_label("Question", exact=True).fill("Is VCOP compliance achieved?")
    page.get_by_role("button", name="Add the question").click()
    found += violations(page)
    page.get_by_role("link", name="Read the briefing as it will print").click()
    expect(page.get_by_role("heading", name="Victims and Offenders")).to_be_visible()
    found += violations(page)

    meeting = Meeting.objects.get(date="2027-01-05")
    page.goto(meeting.get_absolute_url())
    page.get_by_role("link", name="Record the outcome").click()
    page.get_by_label("Add a note").fill("Reporting remains a concern.")
    page.get_by_label(re.compile("^Assurance on objective 1.2")).select_option(
        label="Partly assured")
    for n, (text, due) in enumerate([("Bring the 101 trajectory", "2 February 2027"),
                                     ("Audit THRIVE", "1 January 2027")]):
        action = page.get_by_role("group", name=f"Action {n + 1}")
        action.get_by_label("Description").fill(text)
        action.get_by_label("Owner", exact=True).fill("ACC Operations")
        action.get_by_label("Date due").fill(due)
    page.get_by_role("button", name="Save the outcome").click()
    assert page.get_by_role("link", name=re.compile("The date due must be on or after")).count()
    found += violations(page)
    page.get_by_role("group", name="Action 2").get_by_label("Date due").fill("2 March 2027")
    page.get_by_role("button", name="Save the outcome").click()
    expect(page.get_by_role("cell", name="Audit THRIVE")).to_be_visible()
    assert Action.objects.filter(meeting=meeting).count() == 2
    found += violations(page)

    officer = browser.new_context(base_url=live_server.url).new_page()
    sign_in(officer, UserFactory(role=Role.FORCE_OFFICER).username)
    officer.goto(meeting.get_absolute_url())
    officer.get_by_role("link", name=re.compile("read and print the briefing")).click()
    with officer.expect_download() as download:
        officer.get_by_role("link", name="Download PDF").click()
    pdf = open(download.value.path(), "rb").read()  # noqa: SIM115
    assert pdf.startswith(b"%PDF") and b"/StructTreeRoot" in pdf
    found += violations(officer)
    printed = PdfReader(io.BytesIO(officer.pdf(prefer_css_page_size=True)))
    first = printed.pages[0].extract_text()
    assert "KLOE briefing: Reporting and Response" in first and "Page 1 of" in first
    assert "Sign out" not in first and "ELG meetings" not in first  # no navigation

    panel = browser.new_context(base_url=live_server.url).new_page()
    sign_in(panel, UserFactory(role=Role.PANEL_MEMBER).username)
    assert panel.get_by_role("link", name="ELG meetings").count() == 0
    response = panel.goto(meeting.get_absolute_url())
    assert response.status == 403
    assert found == []
