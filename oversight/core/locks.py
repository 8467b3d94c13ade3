"""Waiting for locks, briefly.

Every connection waits at most LOCK_TIMEOUT_MS for a lock (set at connect:
oversight/core/database.py). A page that meets a bulk load holding its
tables says so in a plain 503 instead of hanging; a background job that
does is tried again later (scorecard/tasks.py).
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

LOCK_NOT_AVAILABLE = "55P03"  # PostgreSQL's SQLSTATE for lock_timeout
RETRY_AFTER_SECONDS = 30


class Busy(Exception):
    """What was asked for is locked by a bulk load; try again shortly."""


def is_lock_timeout(error: BaseException) -> bool:
    cause = error.__cause__ if isinstance(error, OperationalError) else error
    return getattr(cause, "sqlstate", None) == LOCK_NOT_AVAILABLE


@contextmanager
def busy_when_locked() -> Iterator[None]:
    """Raise Busy for a lock wait that timed out inside the block."""
    try:
        yield
    except OperationalError as error:
        if is_lock_timeout(error):
            raise Busy from error
        raise


class BusyMiddleware:
    """A page that timed out waiting for a lock: 503, "try again in a minute"."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, error: Exception) -> HttpResponse | None:
        if not (isinstance(error, Busy) or is_lock_timeout(error)):
            return None
        response = render(request, "busy.html", status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
