"""One's own account: the second factor at sign-in, setting it up, recovery
codes, and changing one's password. Every role has these pages."""

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import pluralize
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp import match_token

from oversight.core import two_factor
from oversight.core.account_forms import ChangePasswordForm, CodeForm, EnrolCodeForm
from oversight.core.breadcrumbs import section
from oversight.core.requests import signed_in_user
from oversight.core.session_security import is_verified
from oversight.core.user_sessions import end_sessions, sessions_of

WRONG_CODE = ("The code is not right, or it has run out. Enter the code your authenticator "
              "app shows now, or one of your recovery codes.")


crumbs = section("Your account", "account")


def _next(request: HttpRequest) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure())
    return wanted if safe else reverse("home")


@never_cache
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """The second step of signing in."""
    user = signed_in_user(request)
    if is_verified(user):
        return redirect(_next(request))
    if two_factor.authenticator(user) is None:
        return redirect(f"{reverse('two_factor_enrol')}?{request.GET.urlencode()}")
    form = CodeForm(request.POST or None)
    if form.is_valid():
        device = match_token(user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            return redirect(_next(request))
        form.add_error("code", WRONG_CODE)
    return render(request, "registration/two_factor_verify.html",
                  {"form": form, "next": _next(request)})


@never_cache
@require_http_methods(["GET", "POST"])
def enrol(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app. Someone who has one already must have used
    it this session: otherwise anyone with their password could replace it."""
    user = signed_in_user(request)
    if two_factor.authenticator(user) and not is_verified(user):
        return redirect(f"{reverse('two_factor_verify')}?{request.GET.urlencode()}")
    device = (two_factor.pending_authenticator(user) if request.method == "POST"
              else None) or two_factor.new_authenticator(user)
    form = EnrolCodeForm(request.POST or None)
    if form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            two_factor.confirm(device)
            otp_login(request, device)
            request.session[two_factor.NEEDS_CODE] = True
            return render(request, "registration/recovery_codes.html", {
                "codes": two_factor.new_recovery_codes(user), "next": _next(request),
                "first_time": True})
        form.add_error("code", "The code is not right. Check the key in your app, then "
                       "enter the code it shows now.")
    context = {"form": form, "device": device, "qr_code": two_factor.qr_code_svg(device),
               "secret": two_factor.secret_text(device), "next": _next(request),
               "required": two_factor.required_for(user)}
    return render(request, "registration/two_factor_enrol.html", context)


@never_cache
def account(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    context = {
        "has_authenticator": two_factor.authenticator(user) is not None,
        "required": two_factor.required_for(user),
        "codes_left": two_factor.recovery_codes_left(user),
        "other_sessions": len(sessions_of({user.pk})) - 1,
        "breadcrumbs": crumbs()[:1],
    }
    return render(request, "registration/account.html", context)


@never_cache
@require_POST
def recovery_codes(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    if not is_verified(user):  # only with the authenticator in hand
        return redirect(f"{reverse('two_factor_verify')}?next={reverse('account')}")
    return render(request, "registration/recovery_codes.html", {
        "codes": two_factor.new_recovery_codes(user), "next": reverse("account"),
        "breadcrumbs": crumbs()})


@require_POST
def sign_out_elsewhere(request: HttpRequest) -> HttpResponse:
    """End every other session of one's own: a PC left signed in, a lost phone."""
    ended = end_sessions({signed_in_user(request).pk}, keep=request.session.session_key)
    messages.success(request, f"Signed out of {ended} other session{pluralize(ended)}.")
    return redirect("account")


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = ChangePasswordForm
    template_name = "registration/password_change.html"
    success_url = reverse_lazy("account")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(**kwargs) | {"breadcrumbs": crumbs()}

    def form_valid(self, form: ChangePasswordForm) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, "Your password has been changed.")
        return response
