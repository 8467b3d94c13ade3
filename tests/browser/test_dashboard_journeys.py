"""An OPCC lead opens the overall performance dashboard, follows a concern
count to its measures, searches from the header and prints the dashboard on A4
landscape; a panel member's home page shows the latest published report and
nothing from drafts; every role's home page and the search page pass axe."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from oversight.core.roles import Role
from panel_reports import workflow
from panel_reports.models import Report
from tests.browser.journey import A4_LANDSCAPE_POINTS, sign_in, violations
from tests.factories import UserFactory

pytestmark = pytest.mark.browser


def test_lead_follows_a_concern_to_its_measures_and_prints_the_dashboard(page, board_data):  # noqa: F811
    found = []
    sign_in(page, UserFactory(role=Role.OPCC_LEAD).username)
    found += violations(page)  # the lead's home page
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Dashboard").click()
    page.get_by_label("Reference month").select_option(label="Oct-2023")
    page.get_by_role("button", name="Show").click()
    page.locator("#chart-title ~ .pcc-chart .main-svg").first.wait_for()
    expect(page.get_by_text("In all, 4 concerns and 2 improvements.")).to_be_visible()
    found += violations(page)

    page.get_by_role("link", name="2 concerns in priority 1").click()
    expect(page.get_by_text("2 measures shown.")).to_be_visible()
    assert page.get_by_label("Exceptions").input_value() == "concern"
    tags = page.locator("tbody .govuk-tag").all_inner_texts()
    assert tags == ["Concern", "Concern"]
    page.go_back()

    page.emulate_media(media="print")
    assert page.get_by_role("navigation", name="Menu").is_hidden()
    assert page.get_by_label("Reference month").is_hidden()
    expect(page.get_by_role("table", name=re.compile("^Measures, concerns and improvements")
                            )).to_be_visible()
    pdf = page.pdf(prefer_css_page_size=True)
    box = re.search(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)
    assert (float(box[1]), float(box[2])) == pytest.approx(A4_LANDSCAPE_POINTS, abs=1)
    page.emulate_media(media="screen")

    header_search = page.get_by_role("search", name="Search the portal")
    header_search.get_by_label("Search the portal").fill("measure")
    header_search.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name=re.compile(r"^Measures \("))).to_be_visible()
    found += violations(page)
    header_search.get_by_label("Search the portal").fill("")
    header_search.get_by_role("button", name="Search").click()
    assert page.title().startswith("Error: ")
    found += violations(page)
    assert found == []


def test_panel_members_home_shows_the_latest_published_report_and_no_drafts(page, db):
    staff, lead = UserFactory(role=Role.OPCC_STAFF), UserFactory(role=Role.OPCC_LEAD)

    def report(start, publish):
        made = workflow.create_draft(Report(period_start=start, period_end=start,
                                            reference_month=start), staff)
        if publish:
            workflow.submit(made, staff)
            made = workflow.publish(made, lead)
        return made

    older = report(datetime.date(2023, 6, 1), publish=True)
    latest = report(datetime.date(2023, 9, 1), publish=True)
    draft = report(datetime.date(2023, 12, 1), publish=False)
    sign_in(page, UserFactory(role=Role.PANEL_MEMBER).username)
    found = violations(page)
    latest_link = page.get_by_role("link", name=latest.title)
    expect(latest_link).to_be_visible()
    assert page.get_by_role("link", name=older.title).count() == 0
    assert page.get_by_text(draft.title).count() == 0
    latest_link.click()
    expect(page.get_by_role("heading", name=latest.title)).to_be_visible()
    assert found == []


@pytest.mark.parametrize("role", [Role.OPCC_STAFF, Role.FORCE_OFFICER, Role.ADMINISTRATOR],
                         ids=str)
def test_home_pages_pass_axe(page, current_plan, role):
    sign_in(page, UserFactory(role=role).username)
    expect(page.get_by_role("heading", level=1, name="PCC Oversight")).to_be_visible()
    assert violations(page) == []
