"""The deliverable status rule, worked by hand."""

from datetime import date

import pytest

from oversight.plan.deliverables import DeliverableStatus as S
from oversight.plan.deliverables import deliverable_status, expected_progress

START, DUE = date(2023, 1, 1), date(2023, 12, 31)  # 364 days


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (date(2022, 12, 1), 0.0),  # before it starts
        (START, 0.0),
        (date(2023, 7, 2), 100.0 * 182 / 364),  # half way
        (DUE, 100.0),
        (date(2024, 6, 1), 100.0),
    ],
)
def test_expected_progress_is_the_share_of_time_elapsed(as_of, expected):
    assert expected_progress(START, DUE, as_of) == pytest.approx(expected)


def test_expected_progress_when_start_and_due_are_the_same_day():
    assert expected_progress(DUE, DUE, date(2023, 12, 30)) == 0.0
    assert expected_progress(DUE, DUE, DUE) == 100.0


@pytest.mark.parametrize(
    ("progress", "as_of", "status"),
    [
        (100, date(2024, 6, 1), S.COMPLETE),  # complete wins even when late
        (100, date(2023, 2, 1), S.COMPLETE),
        (99, date(2024, 1, 1), S.OVERDUE),  # the day after due
        (99, DUE, S.ON_TRACK),  # due today is not overdue; expected 100, 1 point short
        (39, date(2023, 7, 2), S.BEHIND),  # 11 points short
        (40, date(2023, 7, 2), S.ON_TRACK),  # exactly 10 short is within tolerance
        (0, START, S.ON_TRACK),
    ],
)
def test_status(progress, as_of, status):
    assert deliverable_status(progress, START, DUE, as_of, behind_tolerance=10) == status


def test_seed_001_march_2023_deliverable_at_95_percent_is_overdue_in_december_2023():
    status = deliverable_status(95, date(2022, 10, 1), date(2023, 3, 31), date(2023, 12, 14), 10)
    assert status == S.OVERDUE


def test_tolerance_is_a_setting():
    as_of = date(2023, 7, 2)  # 50% elapsed
    assert deliverable_status(45, START, DUE, as_of, behind_tolerance=10) == S.ON_TRACK
    assert deliverable_status(45, START, DUE, as_of, behind_tolerance=0) == S.BEHIND
