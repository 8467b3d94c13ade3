"""The administration pages: roles are the only way to give access."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from oversight.core.roles import Role
from oversight.plan.models import Deliverable
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_user_form_offers_roles_and_no_other_route_to_access(administrator_client):
    user = UserFactory()
    response = administrator_client.get(reverse("admin:auth_user_change", args=[user.pk]))
    fields = response.context["adminform"].form.fields
    assert "groups" in fields
    assert not {"is_superuser", "is_staff", "user_permissions"} & set(fields)
    assert set(fields["groups"].queryset.values_list("name", flat=True)) == set(Role)


def test_an_administrator_gives_a_role_but_cannot_make_a_superuser(administrator_client):
    user = UserFactory(username="newstarter")
    role = Group.objects.get(name=Role.FORCE_OFFICER)
    response = administrator_client.post(
        reverse("admin:auth_user_change", args=[user.pk]),
        {"username": "newstarter", "first_name": "New", "last_name": "Starter", "email": "",
         "is_active": "on", "groups": [role.pk], "is_superuser": "on",
         "user_permissions": []},
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    user.refresh_from_db()
    assert not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == [Role.FORCE_OFFICER]


def test_roles_are_read_only_in_the_admin(administrator_client):
    role = Group.objects.get(name=Role.PANEL_MEMBER)
    page = administrator_client.get(reverse("admin:auth_group_change", args=[role.pk]))
    assert page.status_code == 200
    assert 'name="permissions"' not in page.content.decode()


def add_deliverable(client, objective, **fields):
    form = {"objective": objective.pk, "action": "An action", "owner": "",
            "start_date": "2024-01-01", "due_date": "2024-06-30", "progress": "20",
            "last_update": "", "last_updated_on": ""}
    return client.post(reverse("admin:oversight_deliverable_add"), {**form, **fields})


def test_opcc_staff_add_a_deliverable_in_the_admin(staff_client, current_plan):
    objective = current_plan.priorities.get().objectives.get()
    response = add_deliverable(staff_client, objective, action="Open two new front counters")
    assert response.status_code == 302
    assert Deliverable.objects.filter(action="Open two new front counters").exists()


def test_a_deliverable_due_before_it_starts_is_refused_in_plain_english(staff_client,
                                                                        current_plan):
    objective = current_plan.priorities.get().objectives.get()
    response = add_deliverable(staff_client, objective, start_date="2024-06-30",
                               due_date="2024-01-01", progress="101")
    errors = str(response.context["adminform"].form.errors)
    assert "The date due must be on or after the start date." in errors
    assert "Ensure this value is less than or equal to 100." in errors
