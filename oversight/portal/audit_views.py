"""The audit log's pages: a page of changes at a time, and the same changes
as a CSV file."""

import csv
from collections.abc import Iterator

from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from oversight.core.downloads import attachment
from oversight.core.formulas import safe
from oversight.core.roles import Perm
from oversight.portal import audit_log
from oversight.portal.forms import AuditFilterForm

COLUMNS = ["When", "Who", "From", "Kind of record", "Record", "Action", "Changes", "Reason"]


READ = permission_required(Perm.READ_AUDIT_LOG, raise_exception=True)


@READ
def audit_log_page(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    filters = form.filters()
    entries, following = audit_log.page(filters, request.GET.get("before", ""))
    query = request.GET.copy()
    query.pop("before", None)
    record = (f"{audit_log.kinds().get(filters.kind, '')} #{filters.record}"
              if filters.record else "")
    context = {"form": form, "entries": entries, "following": following, "record": record,
               "query": query.urlencode(), "first": "before" in request.GET}
    return render(request, "oversight/audit_log.html", context)


@READ
def audit_log_csv(request: HttpRequest) -> StreamingHttpResponse:
    form = AuditFilterForm(request.GET or None)
    rows = _rows(audit_log.all_entries(form.filters()))
    response = StreamingHttpResponse(rows, content_type="text/csv; charset=utf-8")
    return attachment(response, f"audit-log-{timezone.localdate():%Y-%m-%d}.csv")


class _Line:
    def write(self, text: str) -> str:
        return text


def _rows(entries: Iterator[audit_log.Entry]) -> Iterator[str]:
    """CSV lines; text anyone typed is made safe for spreadsheets."""
    writer = csv.writer(_Line())
    yield writer.writerow(COLUMNS)
    for entry in entries:
        changes = "; ".join(f"{name}: {old} → {new}" if old else f"{name}: {new}"
                            for name, old, new in entry.changes)
        cells = [timezone.localtime(entry.when).isoformat(timespec="seconds"), entry.who,
                 entry.via, entry.kind, entry.record, entry.action, changes, entry.reason]
        yield writer.writerow([safe(cell) for cell in cells])
