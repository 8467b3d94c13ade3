"""The OPCC lead opens the audit log from the menu, filters it to one person's
changes and downloads them as CSV; every page passes axe."""

import csv

import pghistory
import pytest

from oversight.core.roles import Role
from tests.browser.journey import sign_in, violations
from tests.factories import ActionFactory, UserFactory

pytestmark = pytest.mark.browser


def test_the_lead_filters_the_audit_log_to_one_person_and_downloads_it(page, db):
    priya = UserFactory(first_name="Priya", last_name="Shah")
    with pghistory.context(user=priya.pk, reason="After the meeting"):
        ActionFactory(description="Send the findings to the panel")
    with pghistory.context(user=UserFactory(first_name="Dan", last_name="Reeve").pk):
        ActionFactory(description="Audit THRIVE adherence")
    found = []
    sign_in(page, UserFactory(role=Role.OPCC_LEAD).username)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Audit log").click()
    assert page.get_by_role("cell", name="Dan Reeve").first.is_visible()
    found += violations(page)
    page.get_by_label("Person").select_option(label="Priya Shah")
    page.get_by_role("button", name="Filter").click()
    table = page.get_by_role("table", name="Changes")
    assert table.get_by_text("Send the findings to the panel").first.is_visible()
    assert table.get_by_text("Dan Reeve").count() == 0
    found += violations(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download these changes (CSV)").click()
    with open(download.value.path(), encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert {row[1] for row in rows[1:]} == {"Priya Shah"}
    assert "After the meeting" in {row[7] for row in rows[1:]}
    assert found == []
