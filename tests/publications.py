"""Records published through approval, for tests: a decision as a draft and as
published, and one published record of every other kind."""

import importlib
from datetime import date

from elg.models import PublishedNotes
from oversight.core import publishing
from oversight.core.roles import Role
from oversight.peel.response_service import start_response
from oversight.transparency.models import (
    ComplaintsInformation,
    Decision,
    Duty,
    NationalPrioritiesStatement,
)
from panel_reports.models import AnnualReport
from scorecard.models import NationalPriority
from tests.factories import UserFactory


def decision(number: str, title: str, **fields) -> Decision:
    return Decision.objects.create(
        number=number, date=fields.pop("date", date(2026, 10, 1)), title=title,
        summary=fields.pop("summary", f"Summary of {title}"),
        decision_maker="Police and Crime Commissioner",
        record=fields.pop("record", f"The record of {title}."), **fields)


def published_decision(staff, lead, number: str, title: str, **fields) -> Decision:
    found = decision(number, title, **fields)
    publishing.submit(found, staff)
    publishing.publish(found, lead)
    return found


def seeded(migration: str, seed: str) -> None:
    """Data a migration seeds, again if a test that flushed the tables removed it."""
    from django.apps import apps

    getattr(importlib.import_module(migration), seed)(apps, None)


def national_priorities() -> None:
    if not NationalPriority.objects.exists():
        seeded("scorecard.migrations.0010_national_priorities", "add_priorities")


def duties() -> None:
    if not Duty.objects.exists():
        seeded("oversight.migrations.0011_duties", "add_duties")


def published(record, staff=None, lead=None):
    publishing.submit(record, staff or UserFactory(role=Role.OPCC_STAFF))
    publishing.publish(record, lead or UserFactory(role=Role.OPCC_LEAD))
    return record


def published_records(finding, meeting) -> dict:
    """A published record of each kind but decisions, by its public page's URL name."""

    statement = NationalPrioritiesStatement.objects.create(
        reference_month=date(2023, 10, 1), introduction="How the force contributes.")
    national_priorities()
    duties()
    for priority in NationalPriority.objects.all():
        statement.contributions.create(priority=priority, why=f"Why {priority.title}.")
    complaints = ComplaintsInformation.objects.create(
        period_end=date(2023, 6, 1), period="April to June 2023", how_to_complain="Write to us.",
        cases_logged=371, cases_logged_last_year=311, cases_logged_group=259,
        cases_logged_national=20503)
    notes = PublishedNotes.objects.create(meeting=meeting, title="ELG notes", notes="Noted.")
    annual = AnnualReport.objects.create(year_start=date(2023, 4, 1), progress="Progress.")
    return {"inspection": published(start_response(finding.inspection)),
            "annual_report": published(annual),
            "national_priorities_statement": published(statement),
            "complaints_return": published(complaints),
            "meeting_note": published(notes)}
