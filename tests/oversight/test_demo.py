"""load_demo: the seeds' Plan and one user per role, loaded idempotently."""

import io
import os
from datetime import date
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from oversight.core.roles import role_of
from oversight.demo import DEMO_USERS
from oversight.plan.deliverables import DeliverableStatus
from oversight.plan.models import Deliverable, Objective, Plan, Priority
from tests.pages import page_text
from tests.scorecard_data import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def counts():
    return [m.objects.count() for m in (Plan, Priority, Objective, Deliverable, get_user_model())]


def test_load_demo_twice_changes_nothing(demo):
    first = counts()
    printed = io.StringIO()
    with mock.patch.dict(os.environ, {"DEMO_PASSWORD": DEMO_PASSWORD}):
        call_command("load_demo", "--noinput", stdout=printed)
    assert counts() == first == [1, 4, 10, 11, len(DEMO_USERS)]
    assert f"password for all: {DEMO_PASSWORD}" in demo
    assert f"password for all: {DEMO_PASSWORD}" in printed.getvalue()


def test_demo_plan_has_the_seed_objectives_and_marks_invented_ones(demo):
    codes = set(Objective.objects.values_list("code", flat=True))
    assert {"1.1", "1.2", "1.3", "2.1", "2.2", "3.2", "3.3"} <= codes
    invented = set(Objective.objects.filter(is_demo=True).values_list("code", flat=True))
    assert invented == codes - {"1.1", "1.2", "1.3", "2.1", "2.2", "3.2", "3.3"}


def test_demo_users_have_the_password_and_their_role(demo):
    for username, _, role in DEMO_USERS:
        user = get_user_model().objects.get(username=username)
        assert role_of(user) == role
        assert user.check_password(DEMO_PASSWORD)


def test_seed_001_march_2023_deliverable_is_flagged_overdue_in_december_2023(demo):
    asb = Deliverable.objects.get(action__startswith="Training ASB specialists")
    assert (asb.due_date, asb.progress) == (date(2023, 3, 31), 95)
    assert asb.status(date(2023, 12, 14)) == DeliverableStatus.OVERDUE


def test_the_demos_placing_of_deliverables_under_objectives_is_marked_invented(
        demo, staff_client):
    assert not Deliverable.objects.filter(is_demo=False).exists()
    text = page_text(staff_client.get(reverse("plan:deliverables")))
    assert "The objective each sits under, its owner and its start date are invented" in text
    assert text.count("(demo)") == Deliverable.objects.count() + 1  # each row, and the note
