"""The demo looks like a real force's data: the 999 measure's control chart
shows months of common-cause variation and a few signals."""

import json

import pytest
from playwright.sync_api import expect

from oversight.core.roles import Role
from scorecard.models import Measure
from tests.browser.journey import sign_in, violations
from tests.factories import UserFactory

pytestmark = pytest.mark.browser


def test_the_999_control_chart_shows_common_cause_months_and_signals(page, demo_committed):
    sign_in(page, UserFactory(role=Role.FORCE_OFFICER).username)
    page.goto(Measure.objects.get(code="CCC-999-ANS").get_absolute_url() + "?month=2023-10")
    chart = page.locator("#area-FORCE .pcc-chart")
    chart.locator(".main-svg").first.wait_for()
    figure = json.loads(page.locator("#area-FORCE script[type='application/json']").text_content())
    traces = {trace["name"]: trace for trace in figure["data"]}
    months = len(traces["Monthly value"]["x"])
    signals = {x for name, trace in traces.items() if name.startswith("Rule ")
               for x in trace["x"]}
    assert months == 36 and 1 <= len(signals) <= months // 3  # mostly common cause
    drawn = chart.locator(".legendtext").all_text_contents()
    assert "Rule Three" in drawn and "Rule Eight" in drawn  # Oct-2023's, as seed 001 prints
    expect(page.get_by_text("Rules that hold: Three, Eight-Month High, a change")).to_be_visible()
    assert violations(page) == []
