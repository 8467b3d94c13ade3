"""A force officer reads a KPI table, ranks it by weighting, opens a measure's
chart, and checks what needs attention; every page passes axe, and the KPI
table prints on A4 landscape with no column cut off."""

import re

import pytest
from playwright.sync_api import expect

from oversight.core.roles import Role
from tests.browser.journey import A4_LANDSCAPE_POINTS, sign_in, violations
from tests.factories import UserFactory

pytestmark = pytest.mark.browser
# 297 mm less the 10 mm margins, at 96 CSS pixels to the inch.
PRINTABLE_WIDTH = round((297 - 20) / 25.4 * 96)


@pytest.fixture
def officer(page, kpi_data):
    user = UserFactory(role=Role.FORCE_OFFICER)
    sign_in(page, user.username)
    return user


def test_officer_reads_tables_charts_and_what_needs_attention(page, officer, kpi_data):
    found = []
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Scorecard").click()
    found += violations(page)
    page.get_by_role("link", name=kpi_data["topic"].name).click()
    table = page.get_by_role("table", name=kpi_data["topic"].name)
    expect(table.get_by_role("columnheader", name="3 Months to Oct-2023")).to_be_visible()
    assert table.get_by_role("img", name=re.compile("^Monthly values Nov-2020")).count() == 3
    found += violations(page)

    page.get_by_role("link", name="Sort by exception weighting, highest first").click()
    second = table.locator("tbody tr").nth(1).locator("td").first
    assert second.inner_text() == "Average Time to Answer: All 999 - County"  # 12, was third
    page.get_by_label("Reference month").select_option(label="Sep-2023")
    page.get_by_role("button", name="Show").click()
    expect(table.get_by_role("columnheader", name="Sep-2023", exact=True)).to_be_visible()
    found += violations(page)

    table.get_by_role("link", name="Call Answered Volume: 999").click()
    page.locator("#area-FORCE .pcc-chart .main-svg").first.wait_for()
    expect(page.get_by_text("Rules that hold: One, Eight-Month High, a change")).to_be_visible()
    found += violations(page)

    page.goto("/scorecard/attention/?movement=concern")
    assert page.get_by_role("cell", name="Average Time to Answer: All 999 - County").count() == 1
    found += violations(page)
    page.goto("/scorecard/freshness/")
    found += violations(page)
    page.goto("/scorecard/methodology/")
    found += violations(page)
    page.goto("/scorecard/topics/crime-communication-centre-999-service/?month=1999-01")
    assert page.title().startswith("Error: ")
    found += violations(page)
    assert found == []


def test_kpi_table_prints_on_a4_landscape_without_cut_off_columns(page, officer, kpi_data):
    page.goto(kpi_data["topic"].get_absolute_url())
    page.set_viewport_size({"width": PRINTABLE_WIDTH, "height": 700})
    page.emulate_media(media="print")
    widths = page.evaluate("""() => {
        const table = document.querySelector('.pcc-kpi-table table');
        return [table.getBoundingClientRect().right, document.documentElement.scrollWidth];
    }""")
    assert max(widths) <= PRINTABLE_WIDTH
    assert page.get_by_role("navigation", name="Menu").is_hidden()
    pdf = page.pdf(prefer_css_page_size=True)
    box = re.search(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)
    assert (float(box[1]), float(box[2])) == pytest.approx(A4_LANDSCAPE_POINTS, abs=1)
