"""Sign-in: two-factor for the roles that need it, lockouts that an attacker
cannot turn against someone else, and sessions that end."""

import time

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice

from oversight.core import two_factor
from oversight.core.roles import Role
from oversight.core.session_security import PERMISSIONS_POLICY, SIGNED_IN_AT
from oversight.core.session_store import PortalSession
from tests.conftest import code_now, give_authenticator, sign_in
from tests.factories import PASSWORD, UserFactory


def post_sign_in(client, username, password=PASSWORD, address="10.0.0.1"):
    return client.post(reverse("login"), {"username": username, "password": password},
                       REMOTE_ADDR=address)


@pytest.fixture
def lead(db):
    return UserFactory(role=Role.OPCC_LEAD)


def test_the_lead_must_set_up_two_factor_before_anything_else(lead, client):
    post_sign_in(client, lead.username)
    for page in [reverse("home"), reverse("panel_reports:list"), "/admin/"]:
        response = client.get(page)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("two_factor_verify"))
    assert client.get(reverse("two_factor_verify")).status_code == 302  # no phone yet: set up
    page = client.get(reverse("two_factor_enrol")).content.decode()
    assert "<svg" in page and "QR code to scan" in page
    device = two_factor.pending_authenticator(lead)
    assert device is not None and not device.confirmed
    response = client.post(reverse("two_factor_enrol"), {"code": "000000"})
    assert "The code is not right" in response.content.decode()
    device.refresh_from_db()
    assert device.throttling_failure_count == 1  # django-otp's back-off after a wrong code
    device.throttle_reset()
    response = client.post(reverse("two_factor_enrol"), {"code": code_now(device)})
    codes = response.context["codes"]
    assert len(codes) == two_factor.RECOVERY_CODE_COUNT
    assert client.get(reverse("account")).status_code == 200


def test_the_qr_code_marked_safe_carries_no_text_from_the_username(db):
    """The username is in the enrolment address the QR code draws, never in its
    markup: a name holding markup (as the admin could store) reaches no tag."""
    user = UserFactory(username='x"><img src=x onerror=alert(1)><script>alert(2)</script>')
    svg = str(two_factor.qr_code_svg(two_factor.new_authenticator(user)))
    assert "<img" not in svg and "<script" not in svg and "onerror" not in svg
    assert "alert" not in svg and svg.startswith("<svg")


def test_signing_in_again_asks_for_a_code_and_takes_a_recovery_code_once(lead, client):
    device = give_authenticator(lead)
    codes = two_factor.new_recovery_codes(lead)
    post_sign_in(client, lead.username)
    assert client.get(reverse("account")).status_code == 302
    response = client.post(reverse("two_factor_verify"), {"code": "123456"})
    assert "The code is not right" in response.content.decode()
    for each in [device, *StaticDevice.objects.filter(user=lead)]:
        each.refresh_from_db()
        assert each.throttling_failure_count == 1
        each.throttle_reset()
    client.post(reverse("two_factor_verify"), {"code": codes[0], "next": "/scorecard/"})
    assert client.get(reverse("account")).status_code == 200
    other = Client()
    post_sign_in(other, lead.username)
    other.post(reverse("two_factor_verify"), {"code": codes[0]})
    assert other.get(reverse("account")).status_code == 302, "a recovery code works once"
    device.throttle_reset()
    other.post(reverse("two_factor_verify"), {"code": code_now(device)})
    assert other.get(reverse("account")).status_code == 200


def test_a_second_device_cannot_be_set_up_with_the_password_alone(lead, client):
    original = give_authenticator(lead)
    post_sign_in(client, lead.username)
    response = client.get(reverse("two_factor_enrol"))
    assert response.status_code == 302 and reverse("two_factor_verify") in response["Location"]
    client.post(reverse("two_factor_enrol"), {"code": "123456"})
    assert two_factor.authenticator(lead) == original
    assert two_factor.pending_authenticator(lead) is None


def test_the_verify_page_never_redirects_off_site(lead, client):
    device = give_authenticator(lead)
    post_sign_in(client, lead.username)
    response = client.post(reverse("two_factor_verify"),
                           {"code": code_now(device), "next": "https://evil.example/"})
    assert response["Location"] == reverse("home")


def test_staff_sign_in_without_a_code_unless_they_turn_it_on(client, db):
    staff = UserFactory(role=Role.OPCC_STAFF)
    post_sign_in(client, staff.username)
    assert client.get(reverse("account")).status_code == 200
    give_authenticator(staff)
    later = Client()
    post_sign_in(later, staff.username)
    assert later.get(reverse("account")).status_code == 302


def test_two_factor_roles_are_a_setting(settings, client, db):
    settings.TWO_FACTOR_ROLES = ["OPCC staff"]
    staff, lead = UserFactory(role=Role.OPCC_STAFF), UserFactory(role=Role.OPCC_LEAD)
    assert two_factor.required_for(staff) and not two_factor.required_for(lead)


def test_five_wrong_passwords_lock_an_account_only_from_where_they_came(lead, client):
    for _ in range(5):
        post_sign_in(client, lead.username, "wrong", address="203.0.113.9")
    response = post_sign_in(client, lead.username, address="203.0.113.9")
    assert response.status_code == 429
    elsewhere = Client()
    response = post_sign_in(elsewhere, lead.username, address="10.1.1.1")
    assert response.status_code == 302, "the lead still signs in from the office"


def test_guessing_one_account_from_many_addresses_locks_it(lead, client, settings):
    for n in range(settings.ACCOUNT_FAILURE_LIMIT):
        post_sign_in(Client(), lead.username, "wrong", address=f"198.51.100.{n}")
    assert post_sign_in(client, lead.username, address="10.1.1.1").status_code == 429


def test_trying_passwords_across_accounts_from_one_address_is_limited(settings, db):
    settings.ADDRESS_FAILURE_LIMIT = 12
    users = [UserFactory(role=Role.FORCE_OFFICER) for _ in range(4)]
    for user in users:
        for _ in range(3):
            post_sign_in(Client(), user.username, "wrong", address="192.0.2.7")
    newcomer = UserFactory(role=Role.FORCE_OFFICER)
    assert post_sign_in(Client(), newcomer.username, address="192.0.2.7").status_code == 429
    assert post_sign_in(Client(), newcomer.username, address="192.0.2.8").status_code == 302


def test_a_good_sign_in_does_not_clear_the_address_count(settings, db):
    settings.ADDRESS_FAILURE_LIMIT = 6
    mine, victim = UserFactory(role=Role.FORCE_OFFICER), UserFactory(role=Role.FORCE_OFFICER)
    for _ in range(3):
        post_sign_in(Client(), victim.username, "wrong", address="192.0.2.9")
    post_sign_in(Client(), mine.username, address="192.0.2.9")  # succeeds
    for _ in range(3):
        post_sign_in(Client(), victim.username, "wrong", address="192.0.2.9")
    assert post_sign_in(Client(), mine.username, address="192.0.2.9").status_code == 429


def test_a_forwarded_address_is_not_believed_without_a_proxy(lead, client):
    for n in range(5):
        client.post(reverse("login"), {"username": lead.username, "password": "wrong"},
                    REMOTE_ADDR="203.0.113.50", HTTP_X_FORWARDED_FOR=f"10.9.9.{n}")
    response = client.post(reverse("login"), {"username": lead.username, "password": PASSWORD},
                           REMOTE_ADDR="203.0.113.50", HTTP_X_FORWARDED_FOR="10.9.9.99")
    assert response.status_code == 429


def test_every_user_can_change_their_password(client_for):
    for role in Role:
        client = client_for(role)
        page = client.get(reverse("password_change"))
        assert page.status_code == 200 and "Change your password" in page.content.decode()
        response = client.post(reverse("password_change"), {
            "old_password": PASSWORD, "new_password1": "a new long passphrase 42",
            "new_password2": "a new long passphrase 42"})
        assert response.status_code == 302, role
        assert client.get(reverse("account")).status_code == 200, "still signed in"


def test_a_weak_new_password_is_refused(client_for):
    response = client_for(Role.PANEL_MEMBER).post(reverse("password_change"), {
        "old_password": PASSWORD, "new_password1": "password", "new_password2": "password"})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()


def test_a_session_ends_after_its_absolute_lifetime_however_busy(client_for, settings):
    client = client_for(Role.OPCC_STAFF)
    assert client.get(reverse("account")).status_code == 200
    session = client.session
    session[SIGNED_IN_AT] = time.time() - settings.SESSION_ABSOLUTE_SECONDS - 1
    session.save()
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert client.get(reverse("account")).status_code == 302


def test_signed_in_pages_are_never_stored_and_every_page_has_a_permissions_policy(
        client_for, client):
    response = client_for(Role.OPCC_STAFF).get(reverse("home"))
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY
    public = client.get(reverse("accessibility"))
    assert public["Permissions-Policy"] == PERMISSIONS_POLICY
    assert "camera=()" in PERMISSIONS_POLICY and "geolocation=()" in PERMISSIONS_POLICY
    assert client.get("/static/css/app.css")["Permissions-Policy"] == PERMISSIONS_POLICY


def test_a_role_change_ends_the_persons_sessions(client_for, db):
    from django.contrib.auth.models import Group

    staff = UserFactory(role=Role.OPCC_STAFF)
    client = sign_in(Client(), staff)
    assert client.get(reverse("account")).status_code == 200
    staff.groups.add(Group.objects.get(name=Role.OPCC_LEAD))
    assert client.get(reverse("account")).status_code == 302
    assert not any(s.get_decoded().get("_auth_user_id") == str(staff.pk)
                   for s in PortalSession.objects.all())


def test_a_lost_phone_is_reset_on_the_server(lead, client):
    from io import StringIO

    from django.core.management import call_command

    give_authenticator(lead)
    two_factor.new_recovery_codes(lead)
    sign_in(client, lead)
    out = StringIO()
    call_command("reset_two_factor", lead.username, "--reason", "Phone lost", stdout=out)
    assert two_factor.authenticator(lead) is None and two_factor.recovery_codes_left(lead) == 0
    assert "ended 1 sessions" in out.getvalue()
    assert client.get(reverse("account")).status_code == 302


def test_the_demo_lead_and_admin_share_the_demo_authenticator(db, monkeypatch, tmp_path):
    from io import StringIO

    from django.core.management import call_command

    from oversight import demo

    monkeypatch.setenv("PCC_DATA_DIR", str(tmp_path))
    demo.load_users("a long demo password 1")
    assert sorted(demo.load_demo_authenticators()) == ["admin", "lead"]
    out = StringIO()
    call_command("demo_code", stdout=out)
    code = out.getvalue().split()[0]
    device = two_factor.authenticator(get_user_model().objects.get(username="lead"))
    assert code == code_now(device)
    assert two_factor.authenticator(get_user_model().objects.get(username="staff")) is None


def test_signing_out_everywhere_else_keeps_this_session(db):
    staff = UserFactory(role=Role.OPCC_STAFF)
    here, there, elsewhere = (sign_in(Client(), staff) for _ in range(3))
    assert "2 other sessions" in here.get(reverse("account")).content.decode()
    response = here.post(reverse("sign_out_elsewhere"), follow=True)
    assert "Signed out of 2 other sessions." in response.content.decode()
    assert here.get(reverse("account")).status_code == 200
    assert there.get(reverse("account")).status_code == 302
    assert elsewhere.get(reverse("account")).status_code == 302


def test_responses_may_not_be_loaded_by_other_sites(client):
    assert client.get(reverse("login"))["Cross-Origin-Resource-Policy"] == "same-origin"
