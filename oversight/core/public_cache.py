"""The public site's pages, kept as rendered: the first anonymous visit after a
publication renders a page from published records; every later visit, by
anyone, is answered from here, before sessions, sign-in or templates run, with
an ETag and Last-Modified, and 304 to a conditional GET. Publishing anything
forgets every kept page (the site is small: a home page lists what changed).

Only pages the public views mark (`cacheable`) are kept, and only as rendered
for a request with no cookies, so nothing of a signed-in user's can be kept."""

import hashlib
from collections.abc import Callable
from datetime import datetime, time, timedelta
from functools import wraps
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, parse_http_date_safe

from oversight.core.held_pages import Held
from oversight.core.reader_pages import forget_reader_pages

# Kept pages are public and the same for everyone: a browser or proxy may keep
# them for a few minutes and then asks again (304 if nothing was published).
PUBLIC_CACHE_CONTROL = "public, max-age=300"
# Whatever was about the request, not the page, is not kept.
NOT_KEPT = {"vary", "set-cookie", "cache-control", "expires", "etag"}


class PublicPage(models.Model):
    path = models.CharField(max_length=500, primary_key=True)
    headers = models.JSONField()
    body = models.BinaryField()
    etag = models.CharField(max_length=70)
    last_modified = models.DateTimeField(null=True)
    # A page that says what is due or overdue changes with the day, not only
    # with publications: kept until the day ends.
    kept_until = models.DateTimeField(null=True)

    class Meta:
        app_label = "oversight"

    def __str__(self) -> str:
        return self.path


# Each web process also holds the pages it answered lately (held_pages.py).
# Another process's publication reaches it within those seconds (the page's
# Cache-Control allows browsers minutes anyway).
held: Held[PublicPage] = Held()


def forget_kept_pages() -> None:
    """Every kept page, the public site's and readers' (reader_pages.py)."""
    PublicPage.objects.all().delete()
    held.clear()
    forget_reader_pages()


def recent(path: str) -> "PublicPage | None":
    page = held.get(path)
    if page is None or page.kept_until is None or page.kept_until > timezone.now():
        return page
    return None


def cacheable(modified: Callable[..., datetime | None],
              daily: bool = False) -> Callable[..., Any]:
    """A public view whose page the cache may keep; `modified(request, **kwargs)`
    says when what it shows was last published (its Last-Modified); a `daily`
    page is kept until the day ends."""
    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            response = view(request, *args, **kwargs)
            when = modified(request, *args, **kwargs)
            if when is not None:
                response["Last-Modified"] = http_date(when.timestamp())
            response.public_cacheable = True  # type: ignore[attr-defined]
            response.public_daily = daily  # type: ignore[attr-defined]
            return response
        return wrapped
    return decorate


def end_of_today() -> datetime:
    tomorrow = timezone.localdate() + timedelta(days=1)
    return timezone.make_aware(datetime.combine(tomorrow, time.min))


def etag_of(body: bytes) -> str:
    return f'"{hashlib.sha256(body).hexdigest()[:32]}"'


class PublicPageCache:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self.prefix = settings.PUBLIC_SITE_PREFIX

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        # Public pages take no query string: one with one is answered, not kept,
        # so made-up addresses cannot fill the cache.
        if (request.method not in ("GET", "HEAD") or not request.path.startswith(self.prefix)
                or request.META.get("QUERY_STRING")):
            return self.get_response(request)
        kept = recent(request.path)
        if kept is None and (kept := self.kept(request.path)) is not None:
            held.hold(request.path, kept)
        if kept is not None:
            return self.answer(request, kept)
        response = self.get_response(request)
        if (getattr(response, "public_cacheable", False) and response.status_code == 200
                and not request.COOKIES and not response.streaming):
            kept = self.keep(request, response)
            held.hold(request.path, kept)
            return self.answer(request, kept)
        return response

    def kept(self, path: str) -> PublicPage | None:
        page = PublicPage.objects.filter(
            Q(kept_until__isnull=True) | Q(kept_until__gt=timezone.now()), path=path).first()
        if page is not None:
            page.body = bytes(page.body)  # the driver may give a memoryview
        return page

    def keep(self, request: HttpRequest, response: HttpResponseBase) -> PublicPage:
        body = response.content  # type: ignore[attr-defined]
        modified = parse_http_date_safe(response.get("Last-Modified", ""))
        page = PublicPage(
            path=request.path, body=bytes(body), etag=etag_of(body),
            headers={k: v for k, v in response.items() if k.lower() not in NOT_KEPT},
            last_modified=datetime.fromtimestamp(modified).astimezone() if modified else None,
            kept_until=end_of_today() if getattr(response, "public_daily", False) else None)
        # Two first visits at once keep the same page: either will do. A page
        # kept until yesterday's end is replaced.
        PublicPage.objects.bulk_create([page], update_conflicts=True, unique_fields=["path"],
                                       update_fields=["headers", "body", "etag",
                                                      "last_modified", "kept_until"])
        return page

    def answer(self, request: HttpRequest, kept: PublicPage) -> HttpResponseBase:
        response = HttpResponse(kept.body)
        for header, value in kept.headers.items():
            response[header] = value
        response["ETag"] = kept.etag
        response["Cache-Control"] = PUBLIC_CACHE_CONTROL
        modified = int(kept.last_modified.timestamp()) if kept.last_modified else None
        conditional = get_conditional_response(request, etag=kept.etag, last_modified=modified,
                                               response=response)
        return conditional or response
