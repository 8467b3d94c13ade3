"""RoleBackend: a signed-in user's permissions are their roles' declared ones,
read with the user in one query."""

import pytest
from django.contrib.auth import get_user
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from oversight.core.roles import ROLE_PERMISSIONS, Perm, Role, role_of
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def signed_in_user(client):
    """The user as a request of the client's session finds them."""
    request = RequestFactory().get("/")
    request.session = client.session
    return get_user(request)


@pytest.mark.parametrize("role", list(Role))
def test_a_roles_user_holds_exactly_its_declared_permissions(client, role):
    client.force_login(UserFactory(role=role))
    user = signed_in_user(client)
    with CaptureQueriesContext(connection) as queries:
        held = user.get_all_permissions()
        assert role_of(user) == role
        assert all(user.has_perm(perm) for perm in ROLE_PERMISSIONS[role])
    assert held == set(ROLE_PERMISSIONS[role])
    assert len(queries) == 0  # the roles came with the user


def test_two_roles_hold_both_and_the_first_declared_names_the_user(client):
    user = UserFactory(role=Role.FORCE_OFFICER)
    user.groups.add(*UserFactory(role=Role.PANEL_MEMBER).groups.all())
    client.force_login(user)
    found = signed_in_user(client)
    assert found.get_all_permissions() == (ROLE_PERMISSIONS[Role.FORCE_OFFICER]
                                           | ROLE_PERMISSIONS[Role.PANEL_MEMBER])
    assert role_of(found) == Role.PANEL_MEMBER  # declared before force officer


def test_no_role_no_permission_and_a_grant_of_ones_own_gives_nothing(client):
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="read_scorecard"))
    client.force_login(user)
    found = signed_in_user(client)
    assert role_of(found) is None
    assert not found.has_perm(Perm.READ_SCORECARD)
    assert client.get(reverse("scorecard:index")).status_code == 403


def test_an_inactive_user_is_not_signed_in(client):
    user = UserFactory(role=Role.OPCC_STAFF)
    client.force_login(user)
    user.is_active = False
    user.save()
    assert signed_in_user(client).is_anonymous


def test_a_signed_in_page_reads_the_session_and_the_user_and_roles_in_one_query(
        panel_client):
    """Before RoleBackend and the portal's sessions a panel member's page read
    the session, the user, their permissions twice and their groups."""
    url = reverse("accessibility")
    panel_client.get(url)
    with CaptureQueriesContext(connection) as queries:
        page = panel_client.get(url)
    assert page.status_code == 200 and page.context["user_role"] == Role.PANEL_MEMBER
    [read] = [q["sql"] for q in queries]
    assert 'FROM "oversight_portalsession"' in read and '"auth_group"' in read


def test_a_user_read_with_a_session_is_taken_once_and_only_for_its_id(client):
    from oversight.core.role_backend import RoleBackend, remember_signed_in

    first, second = UserFactory(role=Role.PANEL_MEMBER), UserFactory(role=Role.OPCC_STAFF)
    found = RoleBackend().get_user(first.pk)
    remember_signed_in(found)
    assert RoleBackend().get_user(second.pk) == second  # not the one remembered
    remember_signed_in(found)
    with CaptureQueriesContext(connection) as queries:
        assert RoleBackend().get_user(first.pk) is found
    assert len(queries) == 0
    with CaptureQueriesContext(connection) as queries:
        assert RoleBackend().get_user(first.pk) == first  # taken: read again
    assert len(queries) == 1


def test_a_deleted_users_sessions_go_with_them(client):
    user = UserFactory(role=Role.PANEL_MEMBER)
    client.force_login(user)
    from oversight.core.session_store import PortalSession

    assert PortalSession.objects.filter(user=user).exists()
    user.delete()
    assert not PortalSession.objects.exists()
    assert client.get(reverse("account")).status_code == 302
