"""The Police and Crime Panel's business: its meetings and their agendas, the
coming ones being the forward work plan (seed 001). Meetings and agenda items
are kept in the administration pages."""

from collections.abc import Callable
from datetime import date

from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from oversight.core.requests import Reader
from oversight.core.roles import Perm
from panel_reports.document import meeting_entry
from panel_reports.models import AgendaItem, PanelMeeting
from panel_reports.views import crumbs


def agenda_link(user: Reader) -> Callable[[AgendaItem], str]:
    """An agenda item links to its report only where the reader may open it."""
    def link(item: AgendaItem) -> str:
        report = item.report
        return report.get_absolute_url() if report and report.visible_to(user) else ""

    return link


def upcoming_meetings(user: Reader, today: date) -> list[dict]:
    """The forward work plan: meetings from `today` on, as printed entries (two queries)."""
    coming = PanelMeeting.objects.filter(date__gte=today).prefetch_related("items__report")
    return [meeting_entry(m, agenda_link(user)) for m in coming]


@permission_required(Perm.READ_PUBLISHED_REPORTS, raise_exception=True)
def meetings(request: HttpRequest) -> HttpResponse:
    today, link = timezone.localdate(), agenda_link(request.user)
    past = PanelMeeting.objects.filter(date__lt=today).order_by(
        "-date", "-starts_at").prefetch_related("items__report")
    context = {"upcoming": upcoming_meetings(request.user, today),
               "past": [meeting_entry(m, link) for m in past],
               "breadcrumbs": crumbs()[:1]}
    return render(request, "panel_reports/meetings.html", context)
