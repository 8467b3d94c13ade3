"""The statutory-duty engine (oversight/transparency/duties.py): each duty's
occasions, their last days by each counting rule, and what met them. Only
what was published counts; a draft meets nothing."""

import datetime
from datetime import date

import pytest
from django.utils import timezone

from oversight.core import publishing
from oversight.peel.response_service import start_response
from oversight.transparency.duties import State, needing_attention, occasions, public_index
from oversight.transparency.models import ComplaintsInformation, Duty
from panel_reports.models import AnnualReport
from tests.factories import InspectionFactory
from tests.publications import decision, duties

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def seeded_duties(db):
    duties()


def at(day: date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def publish_on(record, day: date, staff, lead):
    publishing.submit(record, staff)
    publishing.publish(record, lead, at=at(day))


def only(code: str, today: date):
    return occasions(Duty.objects.filter(code=code), today)


def test_the_s55_response_is_due_on_day_56_beginning_with_publication(staff, lead):
    inspection = InspectionFactory(published_on=date(2022, 7, 1))
    [occasion] = only("s55-response", date(2022, 7, 1))
    assert occasion.due == date(2022, 8, 25)  # published + 55
    assert occasion.state(date(2022, 7, 1)) is State.NOT_YET_DUE
    assert occasion.state(date(2022, 7, 29)) is State.DUE_SOON  # within four weeks
    assert occasion.state(date(2022, 8, 25)) is State.DUE_SOON
    assert occasion.state(date(2022, 8, 26)) is State.OVERDUE
    publish_on(start_response(inspection), date(2022, 8, 25), staff, lead)
    [occasion] = only("s55-response", date(2022, 9, 1))
    assert occasion.state(date(2022, 9, 1)) is State.MET
    assert occasion.evidence.published_on == date(2022, 8, 25)


def test_a_response_a_day_after_the_last_day_is_late(staff, lead):
    inspection = InspectionFactory(published_on=date(2024, 2, 1))  # a 29-day February
    publish_on(start_response(inspection), date(2024, 3, 28), staff, lead)
    [occasion] = only("s55-response", date(2024, 4, 1))
    assert occasion.due == date(2024, 3, 27)
    assert occasion.state(date(2024, 4, 1)) is State.LATE


def test_the_annual_report_is_due_four_months_after_the_year_ends(staff, lead):
    [occasion] = only("s12-annual-report", date(2024, 8, 1))
    assert (occasion.about, occasion.due) == ("2023/24", date(2024, 7, 31))
    assert occasion.state(date(2024, 8, 1)) is State.OVERDUE
    report = AnnualReport.objects.create(year_start=date(2023, 4, 1), progress="Progress.")
    publish_on(report, date(2024, 7, 31), staff, lead)
    [occasion] = only("s12-annual-report", date(2024, 8, 1))
    assert occasion.state(date(2024, 8, 1)) is State.MET


def test_information_kept_up_to_date_is_due_again_after_its_last_publication(staff, lead):
    complaints = ComplaintsInformation.objects.create(
        period_end=date(2023, 6, 1), period="April to June 2023", how_to_complain="Write.",
        cases_logged=371)
    publish_on(complaints, date(2023, 10, 20), staff, lead)
    [occasion] = only("7c-complaints", date(2024, 1, 10))
    assert occasion.due == date(2024, 1, 20)  # three months after
    assert occasion.last.published_on == date(2023, 10, 20)
    assert occasion.state(date(2024, 1, 10)) is State.DUE_SOON
    assert occasion.state(date(2024, 1, 21)) is State.OVERDUE


def test_a_draft_or_submitted_record_meets_nothing(staff, lead):
    decision("2024/001", "Drafted", date=date(2024, 1, 8))
    publishing.submit(decision("2024/002", "Submitted", date=date(2024, 1, 8)), staff)
    found = only("decisions", date(2024, 2, 1))
    assert [(o.due, o.state(date(2024, 2, 1))) for o in found] == [
        (date(2024, 1, 22), State.OVERDUE)] * 2
    assert {o.about for o in needing_attention(date(2024, 2, 1))} >= {
        "2024/001: Drafted", "2024/002: Submitted"}


def test_the_public_index_names_no_draft(staff, lead):
    decision("2024/003", "A secret draft", date=date(2024, 1, 8))
    publish_on(decision("2024/004", "Published one", date=date(2024, 1, 9)), date(2024, 1, 10),
               staff, lead)
    record = next(r for r in public_index(date(2024, 2, 1)) if r.duty.code == "decisions")
    assert record.last.title == "2024/004: Published one"
    assert (record.on_time, record.overdue) == (1, 1)


@pytest.mark.parametrize(("counting", "unit", "due"), [
    ("beginning with", "days", date(2024, 1, 24)), ("after", "days", date(2024, 1, 25)),
    ("beginning with", "months", date(2024, 2, 14)), ("after", "months", date(2024, 2, 15))])
def test_each_counting_rule_gives_its_last_day(counting, unit, due):
    duty = Duty.objects.create(
        code="test", title="Test", legal_reference="Test", starts_with="decision",
        length=10 if unit == "days" else 1, unit=unit, counting=counting, publishes="decisions",
        responsible="Someone", since=date(2024, 1, 1))
    decision("2024/005", "Decided", date=date(2024, 1, 15))
    [occasion] = occasions([duty], date(2024, 2, 1))
    assert occasion.started == date(2024, 1, 15) and occasion.due == due
