"""Where a change came from, kept with it in the history context as "via": a
portal page or the administration (the request's middleware), a command or
a worker job. ("source" is the service's own word, e.g. "Monthly return".)
A change with no context was made directly in the database."""

from typing import Any

import pghistory
from django.http import HttpRequest
from pghistory.middleware import HistoryMiddleware

PAGE, ADMINISTRATION, JOB = "Portal page", "Administration", "Worker job"


def job(name: str) -> pghistory.context:
    """The context of a worker job's changes (each job its own)."""
    return pghistory.context(via=f"{JOB}: {name}")


REASON_FIELD = "change_reason"  # the forms' "Why are you making this change?"
REASON_LENGTH = 500


class AuditMiddleware(HistoryMiddleware):
    """pghistory's user and address, whether the change came from the
    administration or a portal page, and why, if its form says."""

    def get_context(self, request: HttpRequest) -> dict[str, Any]:
        context = super().get_context(request)
        context["via"] = ADMINISTRATION if request.path.startswith("/admin/") else PAGE
        if reason := form_reason(request):
            context["reason"] = reason
        return context


def form_reason(request: HttpRequest) -> str:
    """The reason a posted form gives. Only a plain form's body is read here:
    an upload's is read by its view, after its own limits are set."""
    if request.method != "POST" or request.content_type != "application/x-www-form-urlencoded":
        return ""
    return str(request.POST.get(REASON_FIELD, "")).strip()[:REASON_LENGTH]
