"""OPCC staff enter a monthly return and upload a file; the history shows it."""

import pytest
from playwright.sync_api import expect

from oversight.core.roles import Role
from scorecard.models import MonthlyValue
from tests.browser.journey import sign_in, violations
from tests.factories import UserFactory
from tests.jobs import worker_process
from tests.scorecard_data import csv_file

pytestmark = pytest.mark.browser


@pytest.fixture
def staff(page, catalogue):
    user = UserFactory(role=Role.OPCC_STAFF, first_name="Priya", last_name="Shah")
    sign_in(page, user.username)
    return user


def test_staff_enter_a_month_then_correct_it_with_a_reason(page, staff, catalogue):
    found = []
    nav = page.get_by_role("navigation", name="Menu")
    nav.get_by_role("link", name="Monthly returns").click()
    page.get_by_label("Topic").select_option(label=catalogue["topic"].name)
    page.get_by_label("Month").fill("2023-10")
    page.get_by_role("button", name="Open the return").click()
    found += violations(page)
    page.get_by_label("Value for Call Answered Volume: 999, Wiltshire Police").fill("lots")
    page.get_by_role("button", name="Save the return").click()
    assert page.title().startswith("Error: ")
    page.get_by_role("link", name="Enter value for Call Answered Volume: 999").click()
    focused = page.evaluate("document.activeElement.name")
    assert focused.endswith("-value")
    found += violations(page)
    page.get_by_label("Value for Call Answered Volume: 999, Wiltshire Police").fill("9429")
    page.get_by_label("Numerator for Abandonment Rate: All 999, Wiltshire Police").fill("74")
    page.get_by_label("Denominator for Abandonment Rate: All 999, Wiltshire Police").fill(
        "10562")
    page.get_by_role("button", name="Save the return").click()
    expect(page.get_by_text("Return saved: 2 values written.")).to_be_visible()
    expect(page.get_by_text("Last changed by Priya Shah")).to_be_visible()

    page.goto(catalogue["count"].get_absolute_url())
    expect(page.get_by_role("cell", name="9,429", exact=True)).to_be_visible()
    found += violations(page)

    page.go_back()
    page.get_by_label("Value for Call Answered Volume: 999, Wiltshire Police").fill("9430")
    page.get_by_role("button", name="Save the return").click()
    expect(page.get_by_text("Enter a reason: this changes values").first).to_be_visible()
    page.get_by_label("Reason for changing stored values").fill("Force resubmitted October")
    page.get_by_role("button", name="Save the return").click()
    expect(page.get_by_text("Return saved: 1 values written.")).to_be_visible()

    page.goto(catalogue["count"].get_absolute_url())
    history = page.locator("#revisions + .pcc-table-scroll table")
    expect(history.get_by_text("value: 9,429 → 9,430")).to_be_visible()
    expect(history.get_by_text("Force resubmitted October")).to_be_visible()
    expect(history.get_by_text("Priya Shah").first).to_be_visible()
    assert found == []


def test_staff_upload_a_file_see_the_preview_and_confirm(page, staff, catalogue, tmp_path):
    good = tmp_path / "october.csv"
    good.write_bytes(csv_file("CALLS,FORCE,2023-10,9429,,,,", "CALLS,FORCE,2023-09,nine,,,,"))
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Upload values").click()
    page.get_by_label("Upload a file").set_input_files(str(good))
    page.get_by_role("button", name="Check the file").click()
    page.get_by_role("heading", name="Problems in the file").wait_for()
    expect(page.get_by_role("cell", name="Enter a number in value")).to_be_visible()
    found = violations(page)
    good.write_bytes(csv_file("CALLS,FORCE,2023-10,9429,,,,", "CALLS,FORCE,2023-09,9000,,,,"))
    page.get_by_label("Upload a file").set_input_files(str(good))
    page.get_by_role("button", name="Check the file").click()
    page.get_by_role("heading", name="Check the changes, then confirm").wait_for()
    assert page.locator('[data-count="new"]').inner_text() == "2"
    found += violations(page)
    page.get_by_role("button", name="Confirm and import").click()
    expect(page.get_by_text("Imported october.csv: 2 values written.")).to_be_visible()
    assert found == []


@pytest.mark.parametrize("role", [Role.PANEL_MEMBER, Role.FORCE_OFFICER], ids=str)
def test_panel_members_and_officers_have_no_data_entry(page, catalogue, role):
    user = UserFactory(role=role)
    sign_in(page, user.username)
    nav = page.get_by_role("navigation", name="Menu")
    assert nav.get_by_role("link", name="Monthly returns").count() == 0
    for path in ("/scorecard/returns/", "/scorecard/upload/"):
        page.goto(path)
        assert page.get_by_role("heading", level=1).inner_text().startswith("You do not")


def test_a_large_file_is_checked_and_imported_by_the_worker_while_others_read(
        page, browser, live_server, staff, catalogue, tmp_path, settings):
    """Above the in-request size, the upload's page follows the worker: the
    progress, the preview, the import; meanwhile another user's KPI page answers."""
    settings.UPLOAD_IN_REQUEST_ROWS = 1_000
    months = [f"{1900 + n // 12}-{n % 12 + 1:02}" for n in range(1_400)]
    big = tmp_path / "history.csv"
    big.write_bytes(csv_file(*(f"CALLS,FORCE,{month},{n},,,," for n, month in enumerate(months))))
    officer = browser.new_context(base_url=live_server.url).new_page()
    sign_in(officer, UserFactory(role=Role.FORCE_OFFICER).username)

    menu = page.get_by_role("navigation", name="Menu")
    with worker_process(tmp_path / "worker.log"):
        menu.get_by_role("link", name="Upload values").click()
        page.get_by_label("Upload a file").set_input_files(str(big))
        page.get_by_role("button", name="Check the file").click()
        page.get_by_role("heading", name="Checking the file").wait_for()
        found = violations(page)
        # The page reloads itself once the worker has checked every row.
        page.get_by_role("heading", name="Check the changes, then confirm").wait_for()
        assert page.locator('[data-count="new"]').inner_text() == "1400"
        page.get_by_role("button", name="Confirm and import").click()
        answer = officer.goto(catalogue["topic"].get_absolute_url())
        assert answer.status == 200
        page.get_by_role("heading", name="File imported").wait_for()
        found += violations(page)
    expect(page.get_by_text("1400 values written")).to_be_visible()
    assert MonthlyValue.objects.count() == 1_400
    assert found == []
