"""Each role signs in through the form, opens its main pages, and axe-core
finds no WCAG 2.2 A/AA violation on any of them."""

import pytest
from playwright.sync_api import expect

from oversight.core.roles import Role
from tests.browser.journey import sign_in, violations
from tests.factories import DeliverableFactory, UserFactory

pytestmark = pytest.mark.browser

PLAN_PAGES = ["/", "/plan/", "/objectives/{objective}/", "/deliverables/",
              "/deliverables/?status=overdue&as_of=2023-12-14", "/deliverables/?as_of=31-31-2023",
              "/accessibility/", "/no-such-page/"]
PAGES = {
    Role.OPCC_STAFF: [*PLAN_PAGES, "/admin/", "/admin/oversight/deliverable/",
                      "/admin/oversight/deliverable/add/", "/admin/oversight/plan/add/"],
    Role.OPCC_LEAD: PLAN_PAGES,
    Role.FORCE_OFFICER: PLAN_PAGES,
    Role.ADMINISTRATOR: [*PLAN_PAGES, "/admin/auth/user/", "/admin/auth/user/add/",
                         "/admin/axes/accessattempt/"],
    Role.PANEL_MEMBER: ["/", "/accessibility/", "/plan/"],  # /plan/ is their 403 page
}


@pytest.fixture
def objective(current_plan):
    objective = current_plan.priorities.get().objectives.get()
    DeliverableFactory(objective=objective, action="Late work", progress=10)
    return objective


@pytest.mark.parametrize("role", list(PAGES), ids=str)
def test_each_role_opens_its_pages_with_no_accessibility_violations(page, role, objective):
    user = UserFactory(role=role, first_name="Alex", last_name="Morgan")
    sign_in(page, user.username)
    assert page.locator(".pcc-account__name").inner_text().endswith(f"({role})")
    found = []
    for path in PAGES[role]:
        page.goto(path.format(objective=objective.pk))
        assert page.locator("h1").count() == 1, page.url
        found += violations(page)
    assert found == []


def test_anonymous_pages_have_no_accessibility_violations(page, db):
    found = []
    for path in ["/accounts/login/", "/accessibility/"]:
        page.goto(path)
        found += violations(page)
    page.goto("/accounts/login/")
    page.get_by_role("button", name="Sign in").click()  # empty: the error summary
    expect(page.get_by_text("There is a problem")).to_be_visible()
    found += violations(page)
    UserFactory(username="forgetful")
    for _ in range(5):
        sign_in(page, "forgetful", "wrong")
    expect(page.get_by_role("heading", name="Your account is locked")).to_be_visible()
    found += violations(page)
    assert found == []


def test_a_wrong_password_then_the_right_one(page, current_plan):
    user = UserFactory(role=Role.OPCC_STAFF)
    sign_in(page, user.username, "not-it")
    assert page.title().startswith("Error: ")
    page.get_by_role("link", name="Enter a correct username").count()  # summary is present
    sign_in(page, user.username)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="The Plan").click()
    assert page.get_by_role("heading", level=1).inner_text() == current_plan.title


def test_the_skip_link_is_the_first_thing_the_keyboard_reaches(page, db):
    page.goto("/accessibility/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    page.keyboard.press("Enter")
    page.wait_for_url("**/accessibility/#main-content")  # the jump is not instant


def test_printing_hides_navigation_and_keeps_the_content(page, objective):
    user = UserFactory(role=Role.OPCC_STAFF)
    sign_in(page, user.username)
    page.goto("/deliverables/")
    page.emulate_media(media="print")
    expect(page.locator(".govuk-service-navigation")).to_be_hidden()
    expect(page.locator(".govuk-footer")).to_be_hidden()
    expect(page.locator("table.govuk-table")).to_be_visible()
    assert page.locator("tr").first.evaluate("e => getComputedStyle(e).breakInside") == "avoid"
