"""Two-factor sign-in with an authenticator app (TOTP) and recovery codes,
kept by django-otp (decision record 6).

Whether a signed-in person must give a code is worked out once, at sign-in,
and kept in the session (NEEDS_CODE): checking it costs no query a request.
A role change ends the person's sessions (oversight/role_changes.py), so a
new role's rule applies from their next sign-in."""

import base64
import time

import segno
from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe
from django_otp import user_has_device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from oversight.core.roles import roles_held

NEEDS_CODE = "two_factor_needed"
RECOVERY_CODE_COUNT = 10
RECOVERY_DEVICE = "Recovery codes"


def required_for(user: User) -> bool:
    """The user's role is one TWO_FACTOR_ROLES names."""
    return any(role in settings.TWO_FACTOR_ROLES for role in roles_held(user))


def needs_code(user: User) -> bool:
    """Asked for a code at sign-in: required by their role, or set up by them."""
    return required_for(user) or user_has_device(user, confirmed=True)


@receiver(user_logged_in)
def remember_whether_a_code_is_needed(sender: type, request: HttpRequest | None, user: User,
                                      **kwargs: object) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[NEEDS_CODE] = needs_code(user)


def authenticator(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def new_authenticator(user: User) -> TOTPDevice:
    """A fresh, unconfirmed authenticator for enrolment (replacing an
    unfinished one); it counts once a code from it is entered."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


def pending_authenticator(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=False).first()


def secret_text(device: TOTPDevice) -> str:
    """The key as authenticator apps ask for it when typed in: base32, in fours."""
    text = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[n:n + 4] for n in range(0, len(text), 4))


def qr_code_svg(device: TOTPDevice) -> SafeString:
    """The enrolment address as an inline SVG QR code (no image request, no
    script). Safe as markup: segno writes only its own path and our constant
    title; the address (with the username) is in the drawing, never in text."""
    svg = segno.make(device.config_url, error="m").svg_inline(
        scale=4, title="QR code to scan with your authenticator app", border=4)
    return mark_safe(svg)  # noqa: S308


def current_code(device: TOTPDevice) -> tuple[str, int]:
    """The code the device's app shows now, and for how many more seconds."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    left = device.step - int(time.time() - device.t0) % device.step
    return f"{totp.token():0{device.digits}d}", left


def confirm(device: TOTPDevice) -> None:
    """The authenticator proved itself: it replaces any earlier one."""
    TOTPDevice.objects.filter(user=device.user, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])


def new_recovery_codes(user: User) -> list[str]:
    """RECOVERY_CODE_COUNT single-use codes, replacing any earlier ones."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_DEVICE)
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__name=RECOVERY_DEVICE).count()
