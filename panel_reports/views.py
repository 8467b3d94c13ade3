"""Reading reports: the list, a report's contents, each part as a page, the
whole document to print or download as a PDF, and the figures revised since
publication. Panel members read published reports only: any other report is
"not found" to them, whatever the address."""

from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.defaultfilters import pluralize

from oversight.core.breadcrumbs import section
from oversight.core.reader_pages import kept_for
from oversight.core.roles import Perm
from panel_reports import document
from panel_reports.models import Acronym, Report, sees_draft_reports
from panel_reports.printing import REPORT_DOCUMENT, document_of, readable
from panel_reports.revisions import revised_figures
from panel_reports.tables import AcronymTable, ReportTable, RevisionTable

READ = permission_required(Perm.READ_PUBLISHED_REPORTS, raise_exception=True)
# Whoever sees no drafts reads a report page as every such reader does (it can
# only be a published report's): kept after the first (core/reader_pages.py).
ALIKE = kept_for(readers=lambda user: not sees_draft_reports(user))


crumbs = section("Panel reports", "panel_reports:list")


@READ
def report_list(request: HttpRequest) -> HttpResponse:
    reports = Report.objects.visible_to(request.user).select_related("meeting")
    caption = ("Reports, drafts included" if request.user.has_perm(Perm.READ_DRAFT_REPORTS)
               else "Published reports")
    return render(request, "panel_reports/list.html",
                  {"table": ReportTable(reports, caption=caption), "breadcrumbs": crumbs()[:1]})


@READ
@ALIKE
def contents(request: HttpRequest, pk: int) -> HttpResponse:
    report = readable(request, pk)
    doc = document_of(report)
    context = {"report": report, "document": doc, "contents": document.contents(doc["parts"]),
               "events": report.events.select_related("by")
               if request.user.has_perm(Perm.READ_DRAFT_REPORTS) else [],
               "breadcrumbs": crumbs()}
    return render(request, "panel_reports/contents.html", context)


@READ
@ALIKE
def part(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    report = readable(request, pk)
    doc = document_of(report)
    parts = doc["parts"]
    index = next((i for i, p in enumerate(parts) if p["slug"] == slug), None)
    if index is None:
        raise Http404("No such part of the report")
    context = {"report": report, "document": doc, "part": parts[index],
               "previous": parts[index - 1] if index else None,
               "next": parts[index + 1] if index + 1 < len(parts) else None,
               "breadcrumbs": crumbs((report.title, report.get_absolute_url()))}
    return render(request, "panel_reports/part.html", context)


@READ
@ALIKE
def whole(request: HttpRequest, pk: int) -> HttpResponse:
    report = readable(request, pk)
    context = {"report": report, "document": document_of(report),
               "breadcrumbs": crumbs((report.title, report.get_absolute_url()))}
    return render(request, "panel_reports/whole.html", context)


page_css = READ(REPORT_DOCUMENT.page_css)
pdf = READ(REPORT_DOCUMENT.pdf)


@permission_required(Perm.READ_DRAFT_REPORTS, raise_exception=True)
def revisions(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(Report.objects.published(), pk=pk)
    revised = revised_figures(report)
    caption = f"{len(revised)} figure{pluralize(len(revised))} revised"
    context = {"report": report, "revisions": revised,
               "table": RevisionTable(revised, caption=caption),
               "breadcrumbs": crumbs((report.title, report.get_absolute_url()))}
    return render(request, "panel_reports/revisions.html", context)


@READ
def acronyms(request: HttpRequest) -> HttpResponse:
    acronyms = list(Acronym.objects.all())
    return render(request, "panel_reports/acronyms.html",
                  {"table": AcronymTable(acronyms, caption=f"{len(acronyms)} acronyms"),
                   "breadcrumbs": crumbs()})
