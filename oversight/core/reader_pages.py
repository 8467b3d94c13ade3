"""Pages that every reader of a kind reads alike (a published report, to all
who see no drafts), kept as rendered but for the parts that are the reader's
own: the header (their name, their menu, the sign-out form's token) and the
messages. A later reader's page is the kept one with those two parts
rendered for them: the view's queries and most of its template are skipped.
Publishing anything forgets every kept page, as it does the public site's
(oversight/core/public_cache.py).

The header itself is the same for every reader alike (oversight/core/roles.py)
of the same name on the same page, but for the sign-out form's token: each
process renders it once for each, with a slot the token is put in."""

import re
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.messages import get_messages
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template import RequestContext
from django.template.loader import get_template
from django.utils.crypto import get_random_string

from oversight.core.held_pages import Held
from oversight.core.requests import Reader
from oversight.core.roles import Alike, alike_key

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
    """The kept page as the view would have rendered it for this reader."""
    own = {"header": _header(request), "messages": _messages(request)}
    return OWN.sub(lambda part: _marked(part[1], own[part[1]]), kept)


# A token no rendering makes, and the rendered headers by page and reader.
TOKEN_SLOT = "pcc-token-slot-" + get_random_string(12)
_headers: dict[tuple[str, Alike, str, str], str] = {}
MOST_HEADERS = 1000


def _header(request: HttpRequest) -> str:
    user = request.user
    key = (request.path, alike_key(user), user.get_full_name(),  # type: ignore[union-attr]
           user.get_username())
    header = _headers.get(key)
    if header is None:
        context = RequestContext(request)
        with context.push(csrf_token=TOKEN_SLOT):  # above the context processors' own
            header = _render(OWN_PARTS["header"], context)
        if len(_headers) >= MOST_HEADERS:
            _headers.clear()
        _headers[key] = header
    return header.replace(TOKEN_SLOT, get_token(request))


def _messages(request: HttpRequest) -> str:
    if not len(get_messages(request)):  # looking does not use them up
        return ""
    return _render(OWN_PARTS["messages"], RequestContext(request))


def _render(template: str, context: RequestContext) -> str:
    return str(get_template(template).template.render(context))  # type: ignore[attr-defined]


def without_own_parts(page: str) -> str:
    return OWN.sub(lambda part: _marked(part[1], ""), page)


def _marked(name: str, part: str) -> str:
    return f"<!--pcc:{name}-->{part}<!--/pcc:{name}-->"


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
