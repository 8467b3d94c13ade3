"""Readable on a phone (WCAG 2.2 1.4.10 reflow): at 320 CSS pixels wide no
public page, and no page a panel member reads, scrolls sideways. A table
wider than the page scrolls inside its own region, which is named, reached
by keyboard, and keeps its caption in view."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from oversight.core.roles import Role
from tests.browser.journey import sign_in
from tests.factories import InspectionFactory, MeetingFactory, RecommendationFactory, UserFactory
from tests.panel_reports.conftest import draft, published  # noqa: F401
from tests.public_walk import walk
from tests.publications import published_decision, published_records

pytestmark = pytest.mark.browser
PHONE = {"width": 320, "height": 640}

# Measured in the page: how wide it is, and each table's region and caption.
MEASURE = """() => ({
  width: document.documentElement.scrollWidth,
  tables: [...document.querySelectorAll("table")].map(table => {
    const region = table.closest('[role="region"]');
    const caption = table.querySelector("caption");
    const box = caption && !caption.classList.contains("govuk-visually-hidden")
      ? caption.getBoundingClientRect() : null;
    return {
      wide: table.getBoundingClientRect().width > document.documentElement.clientWidth,
      region: !!region,
      named: !!region && !!(region.getAttribute("aria-label")
                            || region.getAttribute("aria-labelledby")),
      focusable: !!region && region.getAttribute("tabindex") === "0",
      caption: box ? [Math.round(box.left), Math.round(box.right)] : null,
    };
  }),
})"""


@pytest.fixture
def reading(published, staff, lead):  # noqa: F811
    finding = RecommendationFactory(inspection=InspectionFactory(
        title="PEEL 2023/25", published_on=datetime.date(2024, 1, 10)), reference="R 1")
    published_records(finding, MeetingFactory())
    published_decision(staff, lead, "2026/001", "Funding for the Safer Streets scheme in Swindon")
    return published


def problems(page, url) -> list[str]:
    page.goto(url)
    found = page.evaluate(MEASURE)
    wrong = [] if found["width"] <= PHONE["width"] else [
        f"{url}: the page is {found['width']}px wide"]
    for number, table in enumerate(found["tables"], 1):
        if table["wide"] and not (table["region"] and table["named"] and table["focusable"]):
            wrong.append(f"{url}: wide table {number} is not in a named, focusable region")
        left, right = table["caption"] or (0, 0)
        if left < 0 or right > PHONE["width"]:
            wrong.append(f"{url}: table {number}'s caption is out of view ({left}, {right})")
    return wrong


def panel_member_pages(report) -> list[str]:
    parts = [reverse("panel_reports:part", args=[report.pk, part["slug"]])
             for part in report.snapshot["parts"]]
    return [reverse("home"), reverse("panel_reports:list"),
            reverse("panel_reports:contents", args=[report.pk]),
            reverse("panel_reports:whole", args=[report.pk]), *parts,
            reverse("panel_reports:acronyms"), reverse("panel_reports:meetings"),
            reverse("account")]


def test_no_public_or_panel_page_scrolls_sideways_at_320px(browser, live_server, reading):
    public = [url for url, text in walk(Client()).items() if text.lstrip().startswith(
        "<!DOCTYPE html>")]
    page = browser.new_context(base_url=live_server.url, viewport=PHONE).new_page()
    wrong = [problem for url in public for problem in problems(page, url)]
    sign_in(page, UserFactory(role=Role.PANEL_MEMBER).username)
    wrong += [problem for url in panel_member_pages(reading) for problem in problems(page, url)]
    assert len(public) > 10
    assert not wrong, "\n".join(wrong)
