"""The OPCC lead signs in for the first time: sets up an authenticator by its
key, keeps the recovery codes, and later signs in with a code; everyone can
change their password. axe finds no WCAG 2.2 AA violation on these pages."""

import pytest
from playwright.sync_api import expect

from oversight.core import two_factor
from oversight.core.roles import Role
from tests.browser.journey import sign_in, violations
from tests.conftest import code_now
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.browser


def test_the_lead_sets_up_two_factor_and_signs_in_with_it(page, db):
    lead = UserFactory(role=Role.OPCC_LEAD)
    found = []
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(lead.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Set up two-factor sign-in").wait_for()
    assert page.get_by_role("img", name="QR code to scan with your authenticator app").count() == 1
    found += violations(page)
    page.get_by_text("I cannot scan the QR code").click()
    key = page.locator("#secret-key").inner_text()
    device = two_factor.pending_authenticator(lead)
    assert key == two_factor.secret_text(device)
    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    expect(page.get_by_role("alert").get_by_text("The code is not right")).to_be_visible()
    found += violations(page)
    device.refresh_from_db()
    device.throttle_reset()
    page.get_by_label("Code").fill(code_now(device))
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    page.get_by_role("heading", name="Two-factor sign-in is on").wait_for()
    codes = page.get_by_role("list", name="Recovery codes").get_by_role("listitem")
    assert codes.count() == two_factor.RECOVERY_CODE_COUNT
    kept = [code.strip() for code in codes.all_inner_texts()]
    found += violations(page)
    page.get_by_role("link", name="I have kept my recovery codes").click()
    page.get_by_role("button", name="Sign out").click()

    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(lead.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Enter the code from your authenticator app").wait_for()
    found += violations(page)
    page.get_by_label("Code").fill(kept[0])
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    assert not found, "\n".join(found)


def test_a_panel_member_changes_their_password(page, db):
    member = UserFactory(role=Role.PANEL_MEMBER)
    sign_in(page, member.username)
    page.get_by_role("link", name=member.get_full_name()).click()
    found = violations(page)
    page.get_by_role("link", name="Change your password").click()
    page.get_by_label("Old password").fill(PASSWORD)
    page.get_by_label("New password", exact=True).fill("short")
    page.get_by_label("New password confirmation").fill("short")
    page.get_by_role("button", name="Change password").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    found += violations(page)
    page.get_by_label("Old password").fill(PASSWORD)
    page.get_by_label("New password", exact=True).fill("a much longer passphrase 7")
    page.get_by_label("New password confirmation").fill("a much longer passphrase 7")
    page.get_by_role("button", name="Change password").click()
    expect(page.get_by_text("Your password has been changed.")).to_be_visible()
    assert not found, "\n".join(found)
