"""What every public page shares: the office's names (from settings: the body
that governs policing locally is set to change), the trail of links, and the
sections of the site."""

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db.models import Max
from django.http import HttpRequest, HttpResponse

from oversight.core import breadcrumbs
from oversight.core.breadcrumbs import Crumb, trail
from oversight.core.public_cache import cacheable
from oversight.core.publications import Publication
from panel_reports.models import Report

HOME = "public:home"


def office() -> dict[str, str]:
    return {"name": settings.OFFICE_NAME, "short_name": settings.OFFICE_SHORT_NAME,
            "holder": settings.OFFICE_HOLDER_TITLE, "area": settings.POLICE_AREA}


def crumbs(*steps: Crumb) -> list[Crumb]:
    return trail(*steps, home=HOME)


def section(label: str, url_name: str) -> Callable[..., list[Crumb]]:
    return breadcrumbs.section(label, url_name, home=HOME)


def page(**context: Any) -> dict[str, Any]:
    """A public page's context: its own, and the office."""
    return {"office": office(), **context}


def public_page(modified: Callable[..., datetime | None],
                daily: bool = False) -> Callable[..., Any]:
    """A public view: anyone may read it, and its page is kept once rendered
    (oversight/core/public_cache.py), Last-Modified from `modified`; a `daily`
    page (what is due) until the day ends."""
    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        return login_not_required(cacheable(modified, daily)(view))
    return decorate


def last_published(request: HttpRequest, *args: object, **kwargs: object) -> datetime | None:
    """The latest publication of anything on the site."""
    found = [Publication.objects.aggregate(at=Max("published_at"))["at"],
             Report.objects.published().aggregate(at=Max("published_at"))["at"]]
    return max(filter(None, found), default=None)
