"""The Police and Crime Panel's business: its meetings and their agendas, the
coming ones being the forward work plan (seed 001). Meetings and agenda items
are kept in the administration pages."""

from django.contrib.auth.decorators import permission_required
from django.shortcuts import render
from django.utils import timezone

from oversight.roles import Perm
from panel_reports.document import meeting_entry
from panel_reports.models import PanelMeeting
from panel_reports.views import crumbs


@permission_required(Perm.READ_PUBLISHED_REPORTS, raise_exception=True)
def meetings(request):
    drafts_visible = request.user.has_perm(Perm.READ_DRAFT_REPORTS)

    def link(item):
        report = item.report
        shown = report and (report.is_published or drafts_visible)
        return report.get_absolute_url() if shown else ""

    today = timezone.localdate()
    every = list(PanelMeeting.objects.prefetch_related("items__report"))
    context = {"upcoming": [meeting_entry(m, link) for m in every if m.date >= today],
               "past": [meeting_entry(m, link) for m in reversed(every) if m.date < today],
               "breadcrumbs": crumbs()[:1]}
    return render(request, "panel_reports/meetings.html", context)
