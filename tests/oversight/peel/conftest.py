"""Fixtures shared by these tests."""

import datetime

import pytest

from tests.factories import (
    CauseFactory,
    InspectionFactory,
)


@pytest.fixture
def inspection(db):
    return InspectionFactory(title="PEEL 2021/22", published_on=datetime.date(2022, 7, 1))


@pytest.fixture
def cause(inspection):
    return CauseFactory(inspection=inspection, reference="CoC 1", status="in_progress")
