"""OPCC staff filter the PEEL register, add a progress update to a
recommendation and link a measure; the finding page then shows the measure's
KPI row and whether improvement is sustained. A force officer reads it without
the means to change it; a panel member cannot open the register. Every page
passes axe."""

import datetime

import pytest
from playwright.sync_api import expect

from oversight.core.roles import Role
from tests.browser.journey import sign_in, violations
from tests.factories import (
    CauseFactory,
    CoreActivityFactory,
    InspectionFactory,
    RecommendationFactory,
    UserFactory,
)
from tests.oversight.peel.findings import IMPROVING, measure_with

pytestmark = pytest.mark.browser


@pytest.fixture
def register(current_plan):
    inspection = InspectionFactory(title="PEEL 2021/22", published_on=datetime.date(2022, 7, 1))
    cause = CauseFactory(inspection=inspection, reference="CoC 1")
    recommendation = RecommendationFactory(
        inspection=inspection, cause=cause, reference="R 1.1",
        text="The force should answer 999 calls promptly.")
    measure = measure_with([20 - x for x in IMPROVING], polarity="down_is_good",
                           name="Abandonment Rate: All 999")
    CoreActivityFactory(text="Develop an executive performance dashboard")
    return {"inspection": inspection, "recommendation": recommendation, "measure": measure}


def test_staff_record_progress_and_link_a_measure(page, register):
    found = []
    sign_in(page, UserFactory(role=Role.OPCC_STAFF).username)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="PEEL register").click()
    found += violations(page)
    page.get_by_label("Kind", exact=True).select_option(label="Recommendation")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_role("table", name="1 of 2 findings")).to_be_visible()
    page.get_by_role("link", name="R 1.1", exact=True).click()
    found += violations(page)

    page.get_by_role("link", name="Add a progress update").click()
    page.get_by_role("button", name="Add the update").click()
    expect(page.get_by_role("link", name="Enter what progress has been made")).to_be_visible()
    found += violations(page)
    page.get_by_label("Progress", exact=True).fill("Call-back trial started.")
    page.get_by_label("Amber").check()
    page.get_by_label("The finding's status after this update").select_option(
        label="In progress")
    page.get_by_role("button", name="Add the update").click()
    expect(page.get_by_text("Progress update added to R 1.1.")).to_be_visible()

    page.get_by_role("link", name="Change the finding or its links").click()
    found += violations(page)
    measure = register["measure"]
    page.get_by_label(f"{measure.code}: {measure.name}").check()
    page.get_by_role("button", name="Save the finding").click()
    verdict = page.get_by_role("table", name="Sustained improvement by linked measure")
    assert verdict.get_by_role("row").nth(1).inner_text().split("\t")[:3] == [
        "Abandonment Rate: All 999", "Sustained", "6"]
    expect(page.get_by_role("table", name="At October 2023", exact=True).get_by_role(
        "link", name="Abandonment Rate: All 999")).to_be_visible()
    page.locator(".pcc-chart .main-svg").first.wait_for()  # plotly drew the chart
    chart = page.locator(".pcc-chart").first.bounding_box()
    legend = page.locator(".pcc-chart .legend").first.bounding_box()
    assert legend["y"] + legend["height"] <= chart["y"] + chart["height"]  # not below it
    found += violations(page)

    page.get_by_role("link", name="PEEL register").last.click()
    page.get_by_role("link", name="Progress report").click()
    expect(page.get_by_role("heading", name="Cause of concern CoC 1")).to_be_visible()
    found += violations(page)
    page.goto(register["inspection"].get_absolute_url())
    expect(page.get_by_text("Last day to publish the response")).to_be_visible()
    found += violations(page)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Delivery plan").click()
    found += violations(page)
    page.get_by_role("link", name="Develop an executive performance dashboard").click()
    found += violations(page)
    page.get_by_role("link", name="Add a progress update").click()
    found += violations(page)
    page.goto("/peel/findings/add/")
    found += violations(page)
    assert found == []


def test_officers_read_and_panel_members_are_refused(page, browser, live_server, register):
    sign_in(page, UserFactory(role=Role.FORCE_OFFICER).username)
    page.goto(register["recommendation"].get_absolute_url())
    expect(page.get_by_role("heading", name="R 1.1: recommendation")).to_be_visible()
    assert page.get_by_role("link", name="Add a progress update").count() == 0
    assert violations(page) == []

    panel = browser.new_context(base_url=live_server.url).new_page()
    sign_in(panel, UserFactory(role=Role.PANEL_MEMBER).username)
    assert panel.get_by_role("link", name="PEEL register").count() == 0
    response = panel.goto("/peel/")
    assert response.status == 403
    assert violations(panel) == []
