"""Sign-in, the health check and the error pages."""

import sys
from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache

from oversight.core.forms import LoginForm


@login_not_required
@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        messages.success(request, "You have signed out.")
        return response


def server_error(request: HttpRequest) -> HttpResponse:
    """500, or 503 when the database cannot be reached.

    Rendered without context processors: they would need the database.
    """
    # Only a lost connection is "unavailable"; other database errors are bugs.
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        body = loader.render_to_string("503.html")
        return HttpResponseServerError(body, status=503)
    return HttpResponseServerError(loader.render_to_string("500.html"))


@login_not_required
def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement: public, as the law requires."""
    return render(request, "oversight/accessibility.html")
