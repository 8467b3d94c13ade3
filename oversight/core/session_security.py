"""What every response and session carries beyond Django's own security
middleware: headers, an absolute session lifetime and the second factor."""

import time
from collections.abc import Callable
from functools import cache
from urllib.parse import urlencode

from csp.utils import build_policy
from django.conf import settings
from django.contrib.auth import SESSION_KEY, logout
from django.contrib.auth.models import User
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.cache import patch_cache_control

from oversight.core.requests import Reader
from oversight.core.two_factor import NEEDS_CODE

# Browser features no page of the portal uses.
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in [
    "accelerometer", "autoplay", "camera", "display-capture", "encrypted-media",
    "fullscreen", "geolocation", "gyroscope", "magnetometer", "microphone", "midi",
    "payment", "picture-in-picture", "publickey-credentials-get", "screen-wake-lock",
    "serial", "usb", "xr-spatial-tracking",
])
SIGNED_IN_AT = "signed_in_at"
# When the session was last saved to restart its idle clock.
TOUCHED_AT = "touched_at"
# Reachable while a code is still owed: the pages that take it, and signing out.
BEFORE_THE_CODE = {"two_factor_verify", "two_factor_enrol", "logout", "login", "healthz",
                   "accessibility"}

Middleware = Callable[[HttpRequest], HttpResponse]


@cache
def content_security_policy() -> str:
    """CONTENT_SECURITY_POLICY as django-csp writes it, once a process: its
    own middleware builds it twice for every response (5 % of a kept
    signed-in page's time), for nonces and per-view policies we never use."""
    return str(build_policy())


class SecurityHeadersMiddleware:
    """Content-Security-Policy and Permissions-Policy on every response; a
    signed-in page is never stored by the browser or a proxy (a shared PC's
    back button shows nothing)."""

    def __init__(self, get_response: Middleware) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", content_security_policy())
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        # Nothing of ours is for other sites' pages to load (Spectre-style reads).
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True, no_cache=True,
                                max_age=0)
        return response


@receiver(user_logged_in)
def remember_when_signed_in(sender: type, request: HttpRequest | None, user: User,
                            **kwargs: object) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT] = time.time()


class SessionLifetimeMiddleware:
    """A session ends SESSION_ABSOLUTE_SECONDS after sign-in however active it
    is, and SESSION_COOKIE_AGE after its last request (the idle timeout).

    The idle clock is restarted by saving the session, at most once every
    SESSION_TOUCH_SECONDS: saving on every request (SESSION_SAVE_EVERY_REQUEST)
    cost each page a write transaction, a third of a published page's time.
    So a session idles out between SESSION_COOKIE_AGE - SESSION_TOUCH_SECONDS
    and SESSION_COOKIE_AGE after its last request."""

    def __init__(self, get_response: Middleware) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            started = request.session.setdefault(SIGNED_IN_AT, time.time())
            if time.time() - started > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
                again = urlencode({"next": request.get_full_path()})
                return redirect(f"{reverse('login')}?{again}")
        response = self.get_response(request)
        _restart_idle_clock(request)
        return response


def _restart_idle_clock(request: HttpRequest) -> None:
    """Mark a signed-in session for saving (SessionMiddleware saves it, with a
    new expiry) if it was last saved SESSION_TOUCH_SECONDS ago or more."""
    session = request.session
    if SESSION_KEY not in session:  # signed out by this request, or never in
        return
    now = time.time()
    if now - session.get(TOUCHED_AT, 0) >= settings.SESSION_TOUCH_SECONDS:
        session[TOUCHED_AT] = now


def is_verified(user: Reader) -> bool:
    """Whether the user gave a code this session (django-otp's OTPMiddleware
    gives the user `is_verified`)."""
    return bool(getattr(user, "is_verified", lambda: False)())


def _page_name(request: HttpRequest) -> str | None:
    try:
        return resolve(request.path_info).url_name
    except Resolver404:
        return None


class TwoFactorMiddleware:
    """After OTPMiddleware: someone who owes a code (two_factor.NEEDS_CODE)
    reaches only the pages that take it, the admin included."""

    def __init__(self, get_response: Middleware) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (user.is_authenticated and request.session.get(NEEDS_CODE)
                and not is_verified(user) and _page_name(request) not in BEFORE_THE_CODE):
            return redirect(f"{reverse('two_factor_verify')}?"
                            f"{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
