"""PEEL pages: the register of findings, a finding with its evidence, an
inspection with the PCC's 56-day response clock, and the progress report."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from oversight.core.breadcrumbs import section
from oversight.core.changes import changed_since
from oversight.core.known import as_known
from oversight.core.progress import add_update_page
from oversight.core.roles import Perm
from oversight.peel import evidence
from oversight.peel.forms import FindingFilterForm, FindingForm, ProgressUpdateForm
from oversight.peel.models import Finding, Inspection, MonitoringStage, ProgressUpdate
from oversight.peel.report import progress_report as peel_progress_report
from oversight.peel.tables import FindingTable
from oversight.plan.queries import deliverables_with_status
from oversight.plan.tables import DeliverableTable
from scorecard.charts import row_charts
from scorecard.stats import SUSTAINED_MONTHS
from scorecard.tables import KpiTable

READ = permission_required(Perm.READ_PEEL, raise_exception=True)
RECORD = permission_required(Perm.RECORD_PROGRESS, raise_exception=True)
LATEST_UPDATES = Prefetch("updates", ProgressUpdate.objects.order_by("-date", "-pk"))


crumbs = section("PEEL register", "peel:register")


@READ
def register(request: HttpRequest) -> HttpResponse:
    form = FindingFilterForm(request.GET or None)
    today, known = form.as_of_or(timezone.localdate()), form.known_day()
    findings = list(Finding.objects.for_register().prefetch_related(LATEST_UPDATES))
    changed = changed_since(findings, known)
    if known is not None:  # each finding's status and dates as they stood then
        findings = as_known(findings, known)
    month = evidence.attach_evidence(findings, as_of=today)
    shown = form.keep(findings, today)
    table = FindingTable(shown, today=today,
                         caption=f"{len(shown)} of {len(findings)} findings")
    context = {"form": form, "table": table, "month": month,
               "sustained_months": SUSTAINED_MONTHS,
               "counts": evidence.counts_by_kind_and_status(findings),
               "overdue": sum(f.is_overdue(today) for f in findings), "today": today,
               "statuses": Finding.Status, "known": known, "changes": changed,
               "inspections": Inspection.objects.all(), "stage": current_stage(),
               "breadcrumbs": crumbs()[:1]}
    return render(request, "oversight/peel/register.html", context)


def current_stage() -> MonitoringStage | None:
    return MonitoringStage.objects.order_by("-started_on").first()


@READ
def finding_detail(request: HttpRequest, pk: int) -> HttpResponse:
    finding = get_object_or_404(
        Finding.objects.select_related("inspection", "cause").prefetch_related(
            LATEST_UPDATES, "objectives__priority", "recommendations"), pk=pk)
    month = evidence.attach_evidence([finding])
    rows = [e.row for e in finding.evidence.evidence]
    table = KpiTable(rows, month, caption=f"At {month:%B %Y}") if month else None
    today = timezone.localdate()
    context = {"finding": finding, "month": month,
               "table": table, "charts": row_charts(rows, month) if month else [],
               "deliverables": DeliverableTable(deliverables_with_status(
                   finding.deliverables.all(), today), caption="Linked deliverables"),
               "today": today, "sustained_months": SUSTAINED_MONTHS,
               "breadcrumbs": crumbs()}
    return render(request, "oversight/peel/finding.html", context)


@RECORD
def finding_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    finding = get_object_or_404(Finding, pk=pk) if pk else None
    form = FindingForm(request.POST or None, instance=finding)
    if form.is_valid():
        finding = form.save()
        messages.success(request, f"Saved {finding.get_kind_display().lower()} "
                                  f"{finding.reference}.")
        return redirect(finding)
    context = {"form": form, "finding": finding,
               "breadcrumbs": crumbs(*([(finding.reference, finding.get_absolute_url())]
                                       if finding else []))}
    return render(request, "oversight/peel/finding_form.html", context)


@RECORD
def add_update(request: HttpRequest, pk: int) -> HttpResponse:
    finding = get_object_or_404(Finding.objects.select_related("inspection"), pk=pk)
    return add_update_page(
        request, finding, ProgressUpdateForm, done=f"Progress update added to {finding.reference}.",
        caption=f"{finding.get_kind_display()} {finding.reference}", about=finding.text,
        breadcrumbs=crumbs((finding.reference, finding.get_absolute_url())))


@READ
def inspection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = get_object_or_404(Inspection.objects.prefetch_related("grades"), pk=pk)
    findings = list(inspection.findings.all())  # for the counts
    context = {"inspection": inspection,
               "clock": inspection.response_clock(timezone.localdate()),
               "counts": evidence.counts_by_kind_and_status(findings),
               "statuses": Finding.Status,
               "stages": stage_history(), "breadcrumbs": crumbs()}
    return render(request, "oversight/peel/inspection.html", context)


def stage_history() -> list[tuple[MonitoringStage, date | None]]:
    """Each monitoring stage with the date the next began (None: still current)."""
    stages = list(MonitoringStage.objects.order_by("started_on"))
    ends = [s.started_on for s in stages[1:]] + [None] if stages else []
    return list(zip(stages, ends, strict=True))


@READ
def progress_report(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = get_object_or_404(Inspection, pk=pk)
    today = timezone.localdate()
    context = {"inspection": inspection, "peel": peel_progress_report(inspection, today),
               "today": today,
               "breadcrumbs": crumbs((inspection.title, inspection.get_absolute_url()))}
    return render(request, "oversight/peel/progress_report.html", context)
