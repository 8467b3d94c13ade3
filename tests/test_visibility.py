"""The visibility rules, one per kind, for every role: what each QuerySet
scope lets through is what the pages, PDFs, home panels and search show."""

import datetime

import pytest

from elg.models import Briefing, BriefingQuestion
from oversight.core.roles import Role
from panel_reports import workflow
from panel_reports.models import Report
from tests.factories import BriefingFactory, ThemeFactory, UserFactory
from tests.scorecard_data import OCT_2023

pytestmark = pytest.mark.django_db
# Roles that see drafts; the others see only what is issued or published.
SEE_DRAFT_BRIEFINGS = {Role.OPCC_STAFF, Role.OPCC_LEAD}
SEE_DRAFT_REPORTS = {Role.OPCC_STAFF, Role.OPCC_LEAD}


@pytest.mark.parametrize("role", list(Role), ids=str)
def test_briefings_visible_to_each_role(role):
    issued = BriefingFactory(status="issued")
    draft = BriefingFactory(status="draft")
    theme = ThemeFactory()
    for briefing in (issued, draft):
        briefing.questions.create(theme=theme, text=f"Question of {briefing.status}")
    user = UserFactory(role=role)
    expected = {issued, draft} if role in SEE_DRAFT_BRIEFINGS else {issued}
    assert set(Briefing.objects.visible_to(user)) == expected
    assert {b for b in (issued, draft) if b.visible_to(user)} == expected
    questions = BriefingQuestion.objects.visible_to(user)
    assert {q.briefing for q in questions} == expected


@pytest.mark.parametrize("role", list(Role), ids=str)
def test_reports_visible_to_each_role(role, current_plan, kpi_data):
    staff, lead = UserFactory(role=Role.OPCC_STAFF), UserFactory(role=Role.OPCC_LEAD)

    def report(start):
        return workflow.create_draft(Report(period_start=start, period_end=start,
                                            reference_month=OCT_2023), staff)

    published = report(datetime.date(2023, 4, 1))
    workflow.submit(published, staff)
    published = workflow.publish(published, lead)
    submitted = report(datetime.date(2023, 7, 1))
    workflow.submit(submitted, staff)
    draft = report(datetime.date(2023, 10, 1))
    user = UserFactory(role=role)
    expected = ({published, submitted, draft} if role in SEE_DRAFT_REPORTS else {published})
    assert set(Report.objects.visible_to(user)) == expected
    assert {r for r in (published, submitted, draft) if r.visible_to(user)} == expected
