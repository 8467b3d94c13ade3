"""The header's navigation: only what the signed-in user's role may open."""

from functools import cache

from django.conf import settings
from django.contrib.auth.models import User
from django.http import HttpRequest
from django.urls import reverse

from oversight.core.roles import Alike, Perm, alike_key, role_of

# (label, URL name, permission needed or None for any signed-in user)
SECTIONS = [
    ("Home", "home", None),
    ("Dashboard", "dashboard", Perm.READ_SCORECARD),
    ("The Plan", "plan:current", Perm.READ_PLAN),
    ("Deliverables", "plan:deliverables", Perm.READ_PLAN),
    ("PEEL register", "peel:register", Perm.READ_PEEL),
    ("Delivery plan", "delivery:latest", Perm.READ_PLAN),
    ("Scorecard", "scorecard:index", Perm.READ_SCORECARD),
    ("ELG meetings", "elg:schedule", Perm.READ_ELG),
    ("Panel reports", "panel_reports:list", Perm.READ_PUBLISHED_REPORTS),
    ("Publishing", "publishing", Perm.WRITE_DRAFTS),
    ("Monthly returns", "scorecard:return_choose", Perm.ENTER_DATA),
    ("Upload values", "scorecard:upload", Perm.ENTER_DATA),
    ("Audit log", "audit_log", Perm.READ_AUDIT_LOG),
    ("Administration", "admin:index", Perm.USE_ADMIN),
]


@cache
def _resolved_sections() -> list[tuple[str, str, Perm | None]]:
    """SECTIONS with their addresses, reversed once a process."""
    return [(label, reverse(url_name), perm) for label, url_name, perm in SECTIONS]


# The sections a kind of user may open, worked out once a process.
_sections_for: dict[Alike, list[tuple[str, str]]] = {}


def _sections_open_to(user: User) -> list[tuple[str, str]]:
    key = alike_key(user)
    if key not in _sections_for:
        _sections_for[key] = [(label, url) for label, url, perm in _resolved_sections()
                              if perm is None or user.has_perm(perm)]
    return _sections_for[key]


def navigation(request: HttpRequest) -> dict:
    # Every table a page renders runs the context processors again: work it
    # out once a request.
    if not hasattr(request, "_navigation"):
        request._navigation = _navigation(request)  # type: ignore[attr-defined]
    return request._navigation  # type: ignore[attr-defined]


def _navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    # The public site's pages are the same for everyone: no menu of a user's.
    if request.path.startswith(settings.PUBLIC_SITE_PREFIX):
        return {}
    if user is None or not user.is_authenticated:
        return {}
    items = [{"label": label, "url": url,
              "current": request.path == url if url == "/" else request.path.startswith(url)}
             for label, url in _sections_open_to(user)]
    return {"nav_items": items, "user_role": role_of(user)}
