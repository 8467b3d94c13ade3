"""OPCC staff build a highlight report from the scorecard, write a figure into
SO WHAT as a token and submit it; the OPCC lead publishes it; a panel member
reads it, part by part, and downloads the PDF, but cannot open the next
quarter's draft. Every page passes axe."""

import datetime
import io

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from oversight.core.roles import Role
from panel_reports import workflow
from panel_reports.models import Report
from tests.browser.journey import sign_in, violations
from tests.factories import CauseFactory, InspectionFactory, RecommendationFactory, UserFactory
from tests.scorecard_data import OCT_2023

pytestmark = pytest.mark.browser


@pytest.fixture
def inspection(db):
    inspection = InspectionFactory(title="PEEL 2021/22", published_on=datetime.date(2022, 7, 1))
    cause = CauseFactory(inspection=inspection, reference="CoC 1")
    RecommendationFactory(inspection=inspection, cause=cause, reference="R 1.1")
    return inspection


@pytest.fixture
def next_quarter(current_plan, kpi_data):
    return workflow.create_draft(Report(
        period_start=datetime.date(2024, 1, 1), period_end=datetime.date(2024, 3, 1),
        reference_month=OCT_2023), UserFactory(role=Role.OPCC_STAFF))


def new_page(browser, live_server, role):
    page = browser.new_context(base_url=live_server.url,
                               viewport={"width": 1200, "height": 900}).new_page()
    page.set_default_timeout(15_000)
    sign_in(page, UserFactory(role=role).username)
    return page


def test_staff_build_the_lead_publishes_the_panel_reads(browser, live_server, page,
                                                        next_quarter, kpi_data, inspection):
    found = []
    sign_in(page, UserFactory(role=Role.OPCC_STAFF).username)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Panel reports").click()
    found += violations(page)
    page.get_by_role("link", name="Start a highlight report").click()
    page.get_by_role("button", name="Start the draft").click()
    expect(page.get_by_role("link", name="Enter a month").first).to_be_visible()
    found += violations(page)
    page.get_by_label("First month of the period").fill("2023-09")
    page.get_by_label("Last month of the period").fill("2023-12")
    page.get_by_label("Month the KPI tables show").fill("2023-10")
    page.get_by_label("Inspection").select_option(label=inspection.title)
    page.get_by_role("button", name="Start the draft").click()
    expect(page.get_by_text("Draft started")).to_be_visible()
    found += violations(page)

    topic = kpi_data["topic"].name
    page.get_by_role("link", name=f"Edit {topic}").click()
    so_what = page.get_by_label("SO WHAT?")
    assert "[[CALLS:change]]" in so_what.input_value()  # started from the data summary
    so_what.fill("Calls answered rose [[CALLS:year_on_year]] to [[CALLS:month]].\n[[CALS:month]]")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("link", name="[[CALS:month]]: measure CALS is not in this "
                                         "report.")).to_be_visible()
    found += violations(page)
    so_what.fill("Calls answered rose [[CALLS:year_on_year]] to [[CALLS:month]].")
    page.get_by_label("NOW WHAT?").fill("Recruit 50 call handlers.")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name=topic, exact=True).click()
    expect(page.get_by_text("Calls answered rose 17.5% to 2,000.")).to_be_visible()
    found += violations(page)
    page.get_by_role("link", name="Contents").last.click()
    page.get_by_role("button", name="Submit for approval").click()
    expect(page.get_by_text("Submitted for approval.")).to_be_visible()
    report_url = page.url

    lead = new_page(browser, live_server, Role.OPCC_LEAD)
    lead.goto(report_url)
    lead.get_by_role("button", name="Publish the report").click()
    expect(lead.get_by_text("Published. Panel members can now read it")).to_be_visible()
    found += violations(lead)
    lead.get_by_role("link", name="Figures revised since publication").click()
    expect(lead.get_by_text("No figure has been revised")).to_be_visible()
    found += violations(lead)
    lead.goto(report_url)
    lead.get_by_role("link", name="Correct this report").click()
    lead.get_by_role("button", name="Start the correction").click()
    expect(lead.get_by_role("link", name="Say what the correction changes")).to_be_visible()
    found += violations(lead)

    panel = new_page(browser, live_server, Role.PANEL_MEMBER)
    panel.get_by_role("link", name="Panel reports").first.click()
    assert panel.get_by_role("link", name=next_quarter.title).count() == 0
    panel.get_by_role("link", name="Quarterly Highlight Report September – December 2023").click()
    found += violations(panel)
    panel.get_by_role("link", name=topic).click()
    expect(panel.get_by_text("Calls answered rose 17.5% to 2,000.")).to_be_visible()
    expect(panel.get_by_role("table", name=f"{topic}: KPI table at Oct-2023")).to_be_visible()
    found += violations(panel)
    panel.get_by_role("link", name="Contents").last.click()
    panel.get_by_role("link", name="PEEL progress report").click()
    expect(panel.get_by_role("heading", name="Cause of concern CoC 1")).to_be_visible()
    found += violations(panel)
    panel.get_by_role("link", name="Contents").last.click()
    panel.get_by_role("link", name="Read the whole report").click()
    found += violations(panel)
    with panel.expect_download() as download:
        panel.get_by_role("link", name="Download the PDF").click()
    pdf = PdfReader(io.BytesIO(open(download.value.path(), "rb").read()))  # noqa: SIM115
    first = pdf.pages[0].extract_text()
    assert "Quarterly Highlight Report September – December 2023" in first
    assert f"Page 1 of {len(pdf.pages)}" in first
    assert "Sign out" not in first  # the document, not the page around it
    panel.get_by_role("link", name="Panel reports").first.click()
    panel.get_by_role("link", name="Panel meetings and the forward work plan").click()
    found += violations(panel)
    panel.get_by_role("link", name="Panel reports").first.click()
    panel.get_by_role("link", name="Acronyms glossary").click()
    found += violations(panel)

    response = panel.goto(next_quarter.get_absolute_url())
    assert response.status == 404
    assert found == []
