"""The portal's home page: each role's own."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from oversight.core.requests import signed_in_user
from oversight.portal.home import panels
from oversight.portal.navigation import SECTIONS
from oversight.public import views as public_views


@login_not_required
def home(request: HttpRequest) -> HttpResponse:
    """Each role's home page; to a visitor who is not signed in, the public site's."""
    if not request.user.is_authenticated:
        return public_views.home(request)
    sections = [
        {"label": label, "url": reverse(name)}
        for label, name, perm in SECTIONS
        if perm is not None and request.user.has_perm(perm)
    ]
    context = {"sections": sections,
               "panels": panels(signed_in_user(request), timezone.localdate())}
    return render(request, "oversight/home.html", context)
