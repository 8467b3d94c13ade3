"""The public site in a browser. A resident who is not signed in reads the
home page, a published report and its PDF, the 7A statement, an HMICFRS
response, the decisions register and an open-data CSV, axe-clean on every
page, and never meets a draft. Staff build an s.55 response with the chief
officer's comments; the lead publishes it; the resident then reads it."""

import datetime
import io

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from oversight.core import publishing
from oversight.core.roles import Role
from oversight.peel.responses import InspectionResponse
from panel_reports import workflow
from panel_reports.models import Report
from tests.browser.journey import sign_in, violations
from tests.factories import InspectionFactory, MeetingFactory, RecommendationFactory, UserFactory
from tests.panel_reports.conftest import draft, published  # noqa: F401
from tests.panel_reports.reports import DEC
from tests.publications import decision, published_decision, published_records

pytestmark = pytest.mark.browser
DRAFTS = ["Quokka draft decision", "Zanzibar draft assessment"]


@pytest.fixture
def public_records(published, staff, lead):  # noqa: F811
    finding = RecommendationFactory(inspection=InspectionFactory(
        title="PEEL 2023/25", published_on=datetime.date(2024, 1, 10)), reference="R 1")
    records = published_records(finding, MeetingFactory())
    published_decision(staff, lead, "2026/001", "Funding for the Safer Streets scheme")
    decision("2026/002", DRAFTS[0])
    later = workflow.create_draft(Report(period_start=DEC, period_end=datetime.date(2024, 3, 1),
                                         reference_month=published.reference_month), staff)
    later.assessment = DRAFTS[1]
    later.save()
    return records


def test_a_resident_reads_what_is_published_and_never_a_draft(
        page, public_records, published, pdf_printer):  # noqa: F811
    found, seen = [], []

    def look():
        found.extend(violations(page))
        seen.append(page.content())

    page.goto("/")
    expect(page.get_by_role("link", name="Staff and panel members: sign in")).to_be_visible()
    look()
    page.get_by_role("link", name="Reports to the Police and Crime Panel").first.click()
    page.get_by_role("link", name=published.title).click()
    look()
    pdf = page.request.get(page.get_by_role("link", name="Download the PDF").get_attribute("href"))
    assert pdf.headers["content-type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.body())).pages)
    assert published.title in text
    seen.append(text)
    page.get_by_role("link", name="Read the whole report").click()
    look()
    for section, heading in [("Home", None),
                             ("The national priorities for policing", "Reduce serious violence"),
                             ("Inspections of the force", None),
                             ("Decisions register", "Funding for the Safer Streets scheme")]:
        page.get_by_role("navigation", name="Menu").get_by_role("link", name="Home").click()
        if section == "Home":
            continue
        page.get_by_role("link", name=section).click()
        if heading:
            expect(page.get_by_text(heading).first).to_be_visible()
        look()
    page.get_by_role("link", name="Inspections").first.click()
    page.get_by_role("link", name="PEEL 2023/25").click()
    expect(page.get_by_role("heading", name="Each recommendation")).to_be_visible()
    look()
    page.get_by_role("link", name="Open data").first.click()
    look()
    csv = page.request.get(page.locator('a[href$="/decisions.csv"]').get_attribute("href"))
    assert csv.headers["content-type"].startswith("text/csv")
    assert "Funding for the Safer Streets scheme" in csv.text()
    seen.append(csv.text())
    assert not found, found
    for text in DRAFTS:
        assert not any(text in html for html in seen), text


def test_staff_build_an_s55_response_and_the_lead_publishes_it(browser, live_server, page):
    inspection = InspectionFactory(title="PEEL 2025", published_on=datetime.date(2026, 11, 2))
    RecommendationFactory(inspection=inspection, reference="R 2.1")
    found = []
    sign_in(page, UserFactory(role=Role.OPCC_STAFF).username)
    page.goto(f"/peel/inspections/{inspection.pk}/")
    page.get_by_role("link", name="Write and publish the response").click()
    expect(page.get_by_text("Sunday 27 December 2026")).to_be_visible()  # 2 November + 55 days
    found += violations(page)
    page.get_by_role("button", name="Start the response").click()
    found += violations(page)
    page.get_by_label("Date the chief officer's comments were invited").fill("3 November 2026")
    page.get_by_label("Date the chief officer's comments were received").fill("20 November 2026")
    page.get_by_label("The chief officer's comments", exact=True).fill("The force accepts R 2.1.")
    page.get_by_label("Response to the chief officer's comments", exact=True).fill(
        "We will check it.")
    page.get_by_label("Action will be taken", exact=True).check()
    page.get_by_label("Explanation").fill("A new triage desk by March 2027.")
    page.get_by_role("button", name="Save the response").click()
    expect(page.get_by_text("Response saved.")).to_be_visible()
    found += violations(page)
    page.get_by_role("button", name="Submit for approval").click()
    lead_page = browser.new_context(base_url=live_server.url).new_page()
    sign_in(lead_page, UserFactory(role=Role.OPCC_LEAD).username)
    lead_page.goto("/publishing/")
    found += violations(lead_page)
    lead_page.get_by_role("row", name="PEEL 2025").get_by_role("button", name="Publish").click()
    expect(lead_page.get_by_text("Anyone can now read it on the public site")).to_be_visible()
    response = InspectionResponse.objects.get(inspection=inspection)
    assert response.publishing == publishing.Publishing.PUBLISHED
    public = browser.new_context(base_url=live_server.url).new_page()
    public.goto("/public/inspections/")
    public.get_by_role("link", name="PEEL 2025").click()
    for words in ["The force accepts R 2.1.", "Invited 3 November 2026",
                  "Received 20 November 2026", "We will check it.",
                  "A new triage desk by March 2027."]:
        expect(public.get_by_text(words).first, words).to_be_visible()
    found += violations(public)
    assert not found, found
