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


class AuditMiddleware(HistoryMiddleware):
    """pghistory's user and address, and whether the change came from the
    administration or a portal page."""

    def get_context(self, request: HttpRequest) -> dict[str, Any]:
        context = super().get_context(request)
        context["via"] = ADMINISTRATION if request.path.startswith("/admin/") else PAGE
        return context
