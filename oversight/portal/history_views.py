"""Each record's own history page: every change to it, for everyone who may
read that kind of record and, where it has drafts, its drafts (a history
shows every draft it went through)."""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from elg.models import sees_draft_briefings
from oversight.core.history import event_models
from oversight.core.requests import Reader
from oversight.core.roles import Perm
from oversight.portal import audit_log
from panel_reports.models import sees_draft_reports


def _has(perm: str) -> Callable[[Reader], bool]:
    return lambda user: user.has_perm(perm)


# Who reads a kind's history, by the module its model is defined in, then by
# model where a kind has drafts or secrets. Anything else: the audit log's readers.
BY_MODULE: dict[str, Callable[[Reader], bool]] = {
    "oversight.plan.models": _has(Perm.READ_PLAN),
    "oversight.delivery.models": _has(Perm.READ_PLAN),
    "oversight.peel.models": _has(Perm.READ_PEEL),
    "scorecard.models": _has(Perm.READ_SCORECARD),
    "elg.models": _has(Perm.READ_ELG),
    "panel_reports.models": sees_draft_reports,
}
BY_MODEL: dict[str, Callable[[Reader], bool]] = {
    "elg.Briefing": sees_draft_briefings,
    "elg.BriefingQuestion": sees_draft_briefings,
    "elg.CalendarFeed": _has(Perm.READ_AUDIT_LOG),  # its address is a secret
    "panel_reports.Acronym": _has(Perm.READ_PUBLISHED_REPORTS),
    "panel_reports.PanelMeeting": _has(Perm.READ_PUBLISHED_REPORTS),
    "panel_reports.AgendaItem": _has(Perm.READ_PUBLISHED_REPORTS),
}
READ_ALL = _has(Perm.READ_AUDIT_LOG)


def tracked(label: str) -> type[Model]:
    """The audited model whose history table is `label` (404 if none)."""
    for model in event_models():
        if model._meta.label == label and hasattr(model, "pgh_obj_id"):
            found: type[Model] = getattr(model, "pgh_tracked_model")  # noqa: B009
            return found
    raise Http404("No such kind of record")


def may_read(user: Reader, model: type[Model]) -> bool:
    rule = BY_MODEL.get(model._meta.label) or BY_MODULE.get(model.__module__) or READ_ALL
    return bool(user.is_authenticated and (rule(user) or READ_ALL(user)))


def record_history(request: HttpRequest, label: str, pk: int) -> HttpResponse:
    model = tracked(label)
    if not may_read(request.user, model):
        raise PermissionDenied
    record = model._default_manager.filter(pk=pk).first()
    entries, following = audit_log.page(audit_log.Filters(kind=label, record=pk),
                                        request.GET.get("before", ""))
    if record is None and not entries:
        raise Http404("No such record")
    name = f"{model._meta.verbose_name} {record if record is not None else f'#{pk}'}"
    context = {"entries": entries, "following": following, "record": name,
               "first": "before" in request.GET, "query": "",
               "link": getattr(record, "get_absolute_url", None)}
    return render(request, "oversight/record_history.html", context)
