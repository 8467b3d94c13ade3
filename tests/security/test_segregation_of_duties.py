"""Segregation of duties: a second person publishes a report, the admin
allows only what the portal allows, nobody changes their own roles, and
every role change is recorded."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from oversight.core import roles
from oversight.core.models import RoleChange
from oversight.core.roles import Role
from panel_reports import workflow
from panel_reports.models import Report
from panel_reports.workflow import WorkflowError
from tests.conftest import sign_in
from tests.factories import UserFactory
from tests.scorecard_data import OCT_2023

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(current_plan, kpi_data):
    lead = UserFactory(role=Role.OPCC_LEAD)
    report = workflow.create_draft(Report(period_start=OCT_2023, period_end=OCT_2023,
                                          reference_month=OCT_2023), lead)
    workflow.submit(report, lead)
    return report, lead


def test_whoever_submitted_a_report_cannot_publish_it(submitted, client):
    report, lead = submitted
    with pytest.raises(WorkflowError, match="someone else must publish it"):
        workflow.publish(report, lead)
    sign_in(client, lead)
    response = client.post(reverse("panel_reports:publish", args=[report.pk]), follow=True)
    assert "someone else must publish it" in response.content.decode()
    report.refresh_from_db()
    assert report.status == Report.Status.SUBMITTED
    workflow.publish(report, UserFactory(role=Role.OPCC_LEAD))


def test_a_one_person_office_may_publish_its_own(submitted, settings):
    settings.ALLOW_PUBLISHING_OWN_SUBMISSION = True
    report, lead = submitted
    assert workflow.publish(report, lead).status == Report.Status.PUBLISHED


def test_no_role_may_change_in_the_admin_what_the_portal_refuses():
    assert {role: roles.admin_overreach(role) for role in Role} == dict.fromkeys(Role, {})


def test_sync_roles_refuses_a_role_that_overreaches(monkeypatch):
    widened = dict(roles.ROLE_PERMISSIONS)
    widened[Role.ADMINISTRATOR] = widened[Role.ADMINISTRATOR] | {"scorecard.change_monthlyvalue"}
    monkeypatch.setattr(roles, "ROLE_PERMISSIONS", widened)
    with pytest.raises(LookupError, match="what the portal refuses"):
        roles.sync_roles()


def user_form(user, **changes):
    data = {"username": user.username, "first_name": user.first_name,
            "last_name": user.last_name, "email": "", "is_active": "on",
            "groups": [g.pk for g in user.groups.all()],
            "last_login_0": "", "last_login_1": "", "date_joined_0": "2026-01-01",
            "date_joined_1": "09:00:00"}
    return data | changes


def test_nobody_changes_their_own_roles(client):
    admin_user = UserFactory(role=Role.ADMINISTRATOR)
    sign_in(client, admin_user)
    url = reverse("admin:auth_user_change", args=[admin_user.pk])
    page = client.get(url).content.decode()
    assert 'name="groups"' not in page
    lead = Group.objects.get(name=Role.OPCC_LEAD)
    client.post(url, user_form(admin_user, groups=[lead.pk]))
    assert list(admin_user.groups.values_list("name", flat=True)) == [Role.ADMINISTRATOR]


def test_every_role_change_is_recorded_with_who_and_when(client):
    admin_user = UserFactory(role=Role.ADMINISTRATOR)
    officer = UserFactory(role=Role.FORCE_OFFICER)
    sign_in(client, admin_user)
    staff = Group.objects.get(name=Role.OPCC_STAFF)
    response = client.post(reverse("admin:auth_user_change", args=[officer.pk]),
                           user_form(officer, groups=[staff.pk]))
    assert response.status_code == 302
    changes = RoleChange.objects.filter(user=officer).order_by("pgh_id")
    assert [(c.pgh_label, c.group.name) for c in changes] == [
        ("role.given", Role.FORCE_OFFICER), ("role.taken", Role.FORCE_OFFICER),
        ("role.given", Role.OPCC_STAFF)]
    made_here = changes.filter(pgh_context__isnull=False)
    assert {c.pgh_context.metadata["user"] for c in made_here} == {admin_user.pk}
    listing = client.get(reverse("admin:oversight_rolechange_changelist")).content.decode()
    assert admin_user.username in listing and "Role taken away" in listing


def test_role_changes_are_recorded_by_triggers_whatever_makes_them(db):
    from django.db import connection

    officer = UserFactory(role=Role.FORCE_OFFICER)
    event = RoleChange.objects.get(user=officer)
    assert event.pgh_label == "role.given"
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM information_schema.triggers "
                       "WHERE event_object_table = 'auth_user_groups'")
        assert cursor.fetchone()[0] >= 2
