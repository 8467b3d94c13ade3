"""Request bodies are refused by their declared size before anything reads
them. Django reads no more than Content-Length, so a body cannot be larger
than the size checked here."""

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def declared_length(request: HttpRequest) -> int | None:
    """The body's declared size; None when the header is not a number."""
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None


def body_limit(request: HttpRequest) -> int:
    """Signed-in users may send an upload; anyone else only a sign-in form.
    (Read from the session, not the user: that would load the user first.)"""
    if SESSION_KEY in request.session:
        return settings.REQUEST_BODY_MAX_BYTES
    return settings.ANONYMOUS_BODY_MAX_BYTES


class RequestBodyLimitMiddleware:
    """After the session, before CSRF (which reads anonymous POST bodies)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        length = declared_length(request)
        if length is None or length < 0:
            return render(request, "400.html", status=400)
        if length > body_limit(request):
            context = {"limit_mb": settings.UPLOAD_MAX_BYTES // 1_000_000}
            response = render(request, "413.html", context, status=413)
            response["Connection"] = "close"  # the unread body is not read
            return response
        return self.get_response(request)
