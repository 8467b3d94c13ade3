"""The portal's home page: each role's own."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from oversight.core.requests import signed_in_user
from oversight.portal.home import panels
from oversight.portal.navigation import SECTIONS


def home(request: HttpRequest) -> HttpResponse:
    sections = [
        {"label": label, "url": reverse(name)}
        for label, name, perm in SECTIONS
        if perm is not None and request.user.has_perm(perm)
    ]
    context = {"sections": sections,
               "panels": panels(signed_in_user(request), timezone.localdate())}
    return render(request, "oversight/home.html", context)
