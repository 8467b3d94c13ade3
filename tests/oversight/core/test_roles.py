"""Roles: groups hold exactly what roles.py declares."""

import pytest
from django.contrib.auth.models import Group

from oversight.core import roles
from oversight.core.roles import ROLE_PERMISSIONS, Perm, Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def group_permissions(role):
    group = Group.objects.get(name=role)
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}


@pytest.mark.parametrize("role", list(Role))
def test_each_group_holds_exactly_its_declared_permissions(role):
    assert group_permissions(role) == set(ROLE_PERMISSIONS[role])


def test_sync_roles_puts_back_a_permission_removed_by_hand():
    Group.objects.get(name=Role.PANEL_MEMBER).permissions.clear()
    roles.sync_roles()
    assert group_permissions(Role.PANEL_MEMBER) == {Perm.READ_PUBLISHED_REPORTS}


def test_sync_roles_refuses_a_permission_that_does_not_exist(monkeypatch):
    monkeypatch.setitem(ROLE_PERMISSIONS, Role.PANEL_MEMBER, frozenset({"oversight.fly"}))
    with pytest.raises(LookupError, match="oversight.fly"):
        roles.sync_roles()


def test_only_the_lead_approves_and_only_the_panel_reads_nothing_else():
    approvers = {r for r in Role if Perm.APPROVE_REPORTS in ROLE_PERMISSIONS[r]}
    assert approvers == {Role.OPCC_LEAD}
    assert ROLE_PERMISSIONS[Role.PANEL_MEMBER] == {Perm.READ_PUBLISHED_REPORTS}


def test_role_of_a_user():
    assert roles.role_of(UserFactory(role=Role.FORCE_OFFICER)) == Role.FORCE_OFFICER
    assert roles.role_of(UserFactory()) is None
