"""A report for September to December 2023 as a draft and as published."""

import pytest

from panel_reports import workflow
from panel_reports.models import Report
from tests.panel_reports.reports import DEC, SEP
from tests.scorecard_data import OCT_2023


@pytest.fixture
def draft(current_plan, kpi_data, staff):
    return workflow.create_draft(
        Report(period_start=SEP, period_end=DEC, reference_month=OCT_2023), staff)


@pytest.fixture
def published(draft, staff, lead):
    workflow.submit(draft, staff)
    return workflow.publish(draft, lead)
