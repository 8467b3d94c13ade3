"""The search page: everything the reader may open that matches their words."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from oversight.core.breadcrumbs import trail
from oversight.portal.search import LIMIT, search

MAX_LENGTH = 200


def search_page(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("q", "").strip()
    error = ""
    if "q" in request.GET and not text:
        error = "Enter the words to search for"
    elif len(text) > MAX_LENGTH:
        error = f"Search for {MAX_LENGTH} characters or fewer"
    groups = search(request.user, text) if text and not error else []
    context = {"text": text, "error": error, "groups": groups, "limit": LIMIT,
               "searched": bool(text) and not error,
               "count": sum(len(group.results) for group in groups),
               "breadcrumbs": trail()}
    return render(request, "oversight/search.html", context)
