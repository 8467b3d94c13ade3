"""The public site: what the law says must be published, readable by anyone
without signing in. Every page is built from published records alone
(Publications and published reports' snapshots), and kept once rendered."""

from dataclasses import replace
from datetime import datetime

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from oversight.core.publications import Publication
from oversight.public import site
from oversight.public.reports import published_report, report_published_at
from oversight.public.sections import DECISIONS, SECTIONS, Section, url_of
from oversight.public.tables import DecisionTable, PublicReportTable
from oversight.transparency.duties import public_index
from panel_reports import document
from panel_reports.models import Report
from panel_reports.printing import REPORT_DOCUMENT, SNAPSHOTS, document_of

reports_crumbs = site.section("Panel reports", "public:reports")
REPORT_URLS = {"part_url": "public:report_part", "contents_url": "public:report",
               "pdf_url": "public:report_pdf",
               "page_css_url": "public:report_page_css", "base_template": "public/base.html"}


@site.public_page(site.last_published)
def home(request: HttpRequest) -> HttpResponse:
    latest = Publication.objects.current().order_by("-published_at")[:5]
    reports = Report.objects.published().order_by("-published_at")[:3]
    return render(request, "public/home.html", site.page(
        latest=latest, reports=reports,
        sections=SECTIONS))


@site.public_page(site.last_published)
def reports(request: HttpRequest) -> HttpResponse:
    found = Report.objects.published().select_related("meeting")
    return render(request, "public/reports.html", site.page(
        table=PublicReportTable(found, caption="Published reports"),
        breadcrumbs=site.crumbs()))


@site.public_page(report_published_at)
def report(request: HttpRequest, pk: int) -> HttpResponse:
    found = published_report(request, pk)
    doc = document_of(found)
    return render(request, "public/report.html", site.page(
        report=found, document=doc, contents=document.contents(doc["parts"]),
        breadcrumbs=reports_crumbs(), **REPORT_URLS))


@site.public_page(report_published_at)
def report_part(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    found = published_report(request, pk)
    parts = document_of(found)["parts"]
    index = next((i for i, p in enumerate(parts) if p["slug"] == slug), None)
    if index is None:
        raise Http404("No such part of the report")
    return render(request, "panel_reports/part.html", site.page(
        report=found, part=parts[index], previous=parts[index - 1] if index else None,
        next=parts[index + 1] if index + 1 < len(parts) else None,
        breadcrumbs=reports_crumbs((found.title, reverse("public:report", args=[pk]))),
        **REPORT_URLS))


@site.public_page(report_published_at)
def report_whole(request: HttpRequest, pk: int) -> HttpResponse:
    found = published_report(request, pk)
    return render(request, "panel_reports/whole.html", site.page(
        report=found, document=document_of(found),
        breadcrumbs=reports_crumbs((found.title, reverse("public:report", args=[pk]))),
        **REPORT_URLS))


# The same printed document as the portal's (printed once, at publication),
# fetched for anyone: published reports only.
PUBLIC_REPORT_DOCUMENT = replace(
    REPORT_DOCUMENT, fetch=published_report,
    back=lambda report: reverse("public:report_whole", args=[report.pk]))
report_pdf = site.public_page(report_published_at)(PUBLIC_REPORT_DOCUMENT.pdf)
report_page_css = site.public_page(report_published_at)(PUBLIC_REPORT_DOCUMENT.page_css)


def listed_at(request: HttpRequest, section: Section) -> datetime | None:
    return max((p.published_at for p in section.current()), default=None)


def record_at(request: HttpRequest, section: Section, key: str) -> datetime:
    return section.record(key).published_at


@site.public_page(listed_at)
def listing(request: HttpRequest, section: Section) -> HttpResponse:
    """A section's published records, the newest first."""
    found = list(section.current())
    extra = ({"table": DecisionTable(found, caption=f"{len(found)} decisions")}
             if section is DECISIONS else {})
    return render(request, section.list_template, site.page(
        section=section, publications=found, latest=found[0] if found else None,
        breadcrumbs=site.crumbs(), **extra))


@site.public_page(record_at)
def record(request: HttpRequest, section: Section, key: str) -> HttpResponse:
    """One published record, as its latest version has it."""
    found = section.record(key)
    return render(request, section.record_template, site.page(
        section=section, publication=found, document=found.document,
        breadcrumbs=site.crumbs((section.title, reverse(f"public:{section.list_name}")))))


@site.public_page(site.last_published, daily=True)
def duties(request: HttpRequest) -> HttpResponse:
    """What the law says must be published, and when it was: each duty's last
    publication and next due date (no draft's title: public_index gives none)."""
    records = [(record, url_of(record.last.kind, record.last.key) if record.last else "")
               for record in public_index(timezone.localdate())]
    return render(request, "public/duties.html", site.page(
        records=records, breadcrumbs=site.crumbs()))


def latest_report() -> Report | None:
    """The newest published report that no published correction replaces."""
    return (Report.objects.published().exclude(correction__status=Report.Status.PUBLISHED)
            .defer(*SNAPSHOTS).order_by("-period_end", "-version").first())


def latest_report_at(request: HttpRequest) -> datetime | None:
    found = latest_report()
    return found.published_at if found else None


@site.public_page(latest_report_at)
def performance(request: HttpRequest) -> HttpResponse:
    """The force's performance as last reported to the panel: the KPI tables of
    the latest published report, from its snapshot alone."""
    found = latest_report()
    topics = ([p for p in document_of(found)["parts"] if p["kind"] == "topic"]
              if found else [])
    return render(request, "public/performance.html", site.page(
        report=found, topics=topics, breadcrumbs=site.crumbs()))
