"""The OPCC lead opens the audit log from the menu, filters it to one person's
changes and downloads them as CSV; staff read the scorecard as known on a past
day and a record's own history; every page passes axe."""

import csv
import re

import pghistory
import pytest
from playwright.sync_api import expect

from oversight.core.roles import Role
from scorecard.models import MonthlyValue
from tests.browser.journey import sign_in, violations
from tests.factories import ActionFactory, UserFactory
from tests.history_time import backdate
from tests.scorecard_data import OCT_2023

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
    expect(page.get_by_role("cell", name="Dan Reeve").first).to_be_visible()
    found += violations(page)
    page.get_by_label("Person").select_option(label="Priya Shah")
    page.get_by_role("button", name="Filter").click()
    table = page.get_by_role("table", name="Changes")
    expect(table.get_by_text("Send the findings to the panel").first).to_be_visible()
    assert table.get_by_text("Dan Reeve").count() == 0
    found += violations(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download these changes (CSV)").click()
    with open(download.value.path(), encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert {row[1] for row in rows[1:]} == {"Priya Shah"}
    assert "After the meeting" in {row[7] for row in rows[1:]}
    assert found == []


def test_staff_see_a_topic_as_known_on_a_past_day_a_records_history_and_the_revisions(
        page, kpi_data):
    """The scorecard as it stood before a revision, what was revised, a measure's
    own history and the data revisions page, each axe-clean."""
    day = backdate(20)
    with pghistory.context(reason="Force resubmitted October"):
        MonthlyValue.objects.filter(measure=kpi_data["count"], month=OCT_2023).update(value=1500)
    found = []
    sign_in(page, UserFactory(role=Role.OPCC_STAFF).username)
    page.goto(kpi_data["topic"].get_absolute_url())
    page.get_by_label("As known on (optional)").fill(f"{day:%-d %B %Y}")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_text(f"As known on {day:%-d %B %Y}")).to_be_visible()
    revised = page.get_by_role("table", name=re.compile("Revised since"))
    expect(revised.get_by_text("value: 2,000 → 1,500")).to_be_visible()
    found += violations(page)
    page.get_by_role("link", name="See them as they stand today").click()
    assert page.locator(".pcc-as-known").count() == 0
    page.goto(kpi_data["count"].get_absolute_url())
    page.get_by_role("link", name="History of this measure").click()
    expect(page.get_by_role("heading", name=re.compile("Call Answered Volume"))).to_be_visible()
    found += violations(page)
    page.goto("/scorecard/revisions/")
    expect(page.get_by_role("table", name=re.compile("Values revised"))).to_be_visible()
    found += violations(page)
    assert found == []
