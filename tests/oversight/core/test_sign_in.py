"""Signing in and out, the lockout, and what the header shows each role."""

import time
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from oversight.core import session_security
from oversight.core.roles import Role
from oversight.core.session_store import PortalSession
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def sign_in(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_signing_in_goes_home_and_the_header_shows_name_and_role(client):
    UserFactory(username="priya", first_name="Priya", last_name="Shah", role=Role.OPCC_STAFF)
    response = sign_in(client, "priya", PASSWORD)
    assert response.status_code == 302 and response["Location"] == reverse("home")
    page = client.get(reverse("home")).content.decode()
    assert ('Signed in as <a class="govuk-link" href="/accounts/"><strong>Priya Shah</strong>'
            "</a> (OPCC staff)") in page


def test_a_wrong_password_is_explained_with_an_error_summary(client):
    UserFactory(username="priya")
    response = sign_in(client, "priya", "not-the-password")
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Sign in" in page
    assert "There is a problem" in page
    assert "Enter a correct username and password" in page


def test_missing_fields_link_to_each_field(client):
    page = sign_in(client, "", "").content.decode()
    assert '<a href="#id_username">Enter your username</a>' in page
    assert '<a href="#id_password">Enter your password</a>' in page


def test_five_failed_sign_ins_lock_the_account_with_a_clear_message(client):
    UserFactory(username="priya")
    for _ in range(4):
        assert "Sign in to PCC Oversight" in sign_in(client, "priya", "wrong").content.decode()
    locked = sign_in(client, "priya", "wrong")
    assert "Your account is locked" in locked.content.decode()
    assert "Try again in 30 minutes" in locked.content.decode()
    # Locked means locked: the right password does not open it now.
    after = sign_in(client, "priya", PASSWORD)
    assert "Your account is locked" in after.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_lockout_is_per_account(client):
    UserFactory(username="priya")
    UserFactory(username="tom")
    for _ in range(5):
        sign_in(client, "priya", "wrong")
    assert sign_in(client, "tom", PASSWORD).status_code == 302


def test_signing_out_is_a_post_and_ends_the_session(staff_client):
    response = staff_client.post(reverse("logout"))
    assert response.status_code == 302 and response["Location"] == reverse("login")
    assert "You have signed out." in staff_client.get(reverse("login")).content.decode()
    assert staff_client.get(reverse("account")).status_code == 302


def _saved_expiry(client):
    return PortalSession.objects.get(pk=client.session.session_key).expire_date


def _session_writes(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in queries if q["sql"].startswith("UPDATE \"oversight_portalsession\"")]


def test_the_idle_clock_restarts_at_most_once_a_touch_period(settings, staff_client,
                                                              monkeypatch):
    now = time.time()
    monkeypatch.setattr(session_security.time, "time", lambda: now)
    home = reverse("home")
    assert _session_writes(staff_client, home)  # the first page restarts the clock
    first = _saved_expiry(staff_client)
    assert not settings.SESSION_SAVE_EVERY_REQUEST
    # Within the touch period, pages read the session and write nothing.
    monkeypatch.setattr(session_security.time, "time",
                        lambda: now + settings.SESSION_TOUCH_SECONDS - 1)
    assert _session_writes(staff_client, home) == []
    assert _saved_expiry(staff_client) == first
    # After it, the next page saves the session with a later expiry.
    monkeypatch.setattr(session_security.time, "time",
                        lambda: now + settings.SESSION_TOUCH_SECONDS)
    assert len(_session_writes(staff_client, home)) == 1
    assert _saved_expiry(staff_client) > first


def test_sessions_expire_after_the_idle_timeout(settings, staff_client):
    staff_client.get(reverse("home"))
    assert 0 < staff_client.session.get_expiry_age() <= settings.SESSION_COOKIE_AGE
    # A session left idle past its expiry is signed out.
    PortalSession.objects.filter(pk=staff_client.session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1))
    response = staff_client.get(reverse("account"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    ("role", "shown", "hidden"),
    [
        (Role.PANEL_MEMBER, [], ["The Plan", "Deliverables", "Administration"]),
        (Role.FORCE_OFFICER, ["The Plan", "Deliverables"], ["Administration"]),
        (Role.OPCC_STAFF, ["The Plan", "Deliverables", "Administration"], []),
    ],
)
def test_navigation_shows_only_what_the_role_may_open(client_for, role, shown, hidden):
    response = client_for(role).get(reverse("home"))
    labels = [item["label"] for item in response.context["nav_items"]]
    assert all(label in labels for label in shown)
    assert not any(label in labels for label in hidden)


def test_the_menu_is_the_union_of_the_roles_held(client):
    # Menus are worked out once for each set of roles: one for an officer,
    # another for a panel member, and for someone holding both, both.
    def menu(user):
        client.force_login(user)
        return {item["label"] for item in client.get(reverse("home")).context["nav_items"]}

    menus = {role: menu(UserFactory(role=role))
             for role in (Role.FORCE_OFFICER, Role.PANEL_MEMBER)}
    both = UserFactory(role=Role.FORCE_OFFICER)
    both.groups.add(Group.objects.get(name=Role.PANEL_MEMBER))
    labels = menu(both)
    assert labels == menus[Role.FORCE_OFFICER] | menus[Role.PANEL_MEMBER]
    assert menus[Role.FORCE_OFFICER] != menus[Role.PANEL_MEMBER]
    assert "Panel reports" in labels and "The Plan" in labels


def test_an_expired_form_gives_a_friendly_page(db):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "Your form has expired" in response.content.decode()


@pytest.mark.parametrize(
    ("minutes", "words"),
    [(1, "1 minute"), (30, "30 minutes"), (60, "1 hour"), (90, "90 minutes"), (120, "2 hours")],
)
def test_durations_in_words(minutes, words):
    from datetime import timedelta

    from oversight.templatetags.portal import duration_in_words

    assert duration_in_words(timedelta(minutes=minutes)) == words
