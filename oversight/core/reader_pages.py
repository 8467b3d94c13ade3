"""Pages that every reader of a kind reads alike (a published report, to all
who see no drafts), kept as rendered but for the parts that are the reader's
own: the header (their name, their menu, the sign-out form's token) and the
messages. A later reader's page is the kept one with those two parts
rendered for them: the view's queries and most of its template are skipped.
Publishing anything forgets every kept page, as it does the public site's
(oversight/core/public_cache.py)."""

import re
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.db import models
from django.http import HttpRequest, HttpResponse
from django.template import RequestContext
from django.template.loader import get_template

from oversight.core.held_pages import Held
from oversight.core.requests import Reader

# base.html marks the reader's own parts of every page with these comments.
OWN_PARTS = {"header": "partials/header.html", "messages": "partials/messages.html"}
OWN = re.compile(r"<!--pcc:(header|messages)-->.*?<!--/pcc:\1-->", re.S)
# A kept page must hold nothing of the first reader's: a form's token would be.
NOT_KEPT_IF_FOUND = "csrfmiddlewaretoken"


class ReaderPage(models.Model):
    path = models.CharField(max_length=500, primary_key=True)
    body = models.TextField()

    class Meta:
        app_label = "oversight"

    def __str__(self) -> str:
        return self.path


# As for public pages, each process holds the pages it answered lately.
held: Held[str] = Held()


def forget_reader_pages() -> None:
    ReaderPage.objects.all().delete()
    held.clear()


def kept_for(readers: Callable[[Reader], bool]) -> Callable[..., Any]:
    """A view whose page is the same for every reader `readers(user)` is true
    of (but for their own parts): the first one's is kept, without those
    parts, and later ones are answered from it. Only a page with no query
    string and a 200 is kept."""
    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if (request.method not in ("GET", "HEAD") or request.META.get("QUERY_STRING")
                    or not readers(request.user)):
                return view(request, *args, **kwargs)
            kept = held.get(request.path)
            if kept is None and (kept := _kept_page(request.path)) is not None:
                held.hold(request.path, kept)
            if kept is not None:
                return HttpResponse(with_own_parts(request, kept))
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.streaming:
                _keep(request.path, response.content.decode())
            return response
        return wrapped
    return decorate


def with_own_parts(request: HttpRequest, kept: str) -> str:
    context = RequestContext(request)  # its context processors run once for both
    own = {name: get_template(template).template.render(context)  # type: ignore[attr-defined]
           for name, template in OWN_PARTS.items()}
    return OWN.sub(lambda part: own[part[1]], kept)


def without_own_parts(page: str) -> str:
    return OWN.sub(lambda part: f"<!--pcc:{part[1]}--><!--/pcc:{part[1]}-->", page)


def _keep(path: str, page: str) -> None:
    body = without_own_parts(page)
    if NOT_KEPT_IF_FOUND in body:
        return
    ReaderPage.objects.bulk_create([ReaderPage(path=path, body=body)], update_conflicts=True,
                                   unique_fields=["path"], update_fields=["body"])
    held.hold(path, body)


def _kept_page(path: str) -> str | None:
    found: str | None = ReaderPage.objects.filter(path=path).values_list(
        "body", flat=True).first()
    return found
