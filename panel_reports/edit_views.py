"""Building a report: OPCC staff start a draft from the scorecard and edit its
parts; it is submitted; the OPCC lead sends it back with a comment or
publishes it; a published report is corrected by a new version. A step the
report's state does not allow is refused with a message on the report."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.forms import BaseForm, ModelForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from oversight.core.forms import CommentForm
from oversight.core.requests import signed_in_user
from oversight.core.roles import Perm
from panel_reports import workflow
from panel_reports.forms import ReportForm, SectionForm, TopicPageForm
from panel_reports.models import PrioritySection, Report, TopicPage
from panel_reports.views import crumbs
from panel_reports.workflow import WorkflowError
from scorecard.kpi_rows import FIGURES

WRITE = permission_required(Perm.WRITE_DRAFTS, raise_exception=True)
APPROVE = permission_required(Perm.APPROVE_REPORTS, raise_exception=True)


def form_page(request: HttpRequest, form: BaseForm, *, heading: str, button: str,
              report: Report | None = None, intro: str = "") -> HttpResponse:
    context = {"form": form, "heading": heading, "button": button, "report": report,
               "intro": intro, "figure_names": FIGURES,
               "breadcrumbs": crumbs(*([(report.title, report.get_absolute_url())]
                                       if report else []))}
    return render(request, "panel_reports/form.html", context)


def refused(request: HttpRequest, report: Report, error: WorkflowError) -> HttpResponse:
    messages.error(request, str(error))
    return redirect(report)


@WRITE
def report_add(request: HttpRequest) -> HttpResponse:
    form = ReportForm(request.POST or None)
    if form.is_valid():
        report = workflow.create_draft(form.save(commit=False), signed_in_user(request))
        messages.success(request, f"Draft started: {report.title}. Its topic pages start from "
                                  "the scorecard's data summaries.")
        return redirect(report)
    return form_page(request, form, heading="Start a highlight report", button="Start the draft",
                     intro="The draft gets a section for each priority of the current Plan and "
                           "a page for each scorecard topic, with its KPI table at the month "
                           "you choose.")


def edit_page(request: HttpRequest, item: Report | PrioritySection | TopicPage,
              form_class: type[ModelForm], *, heading: str) -> HttpResponse:
    """Edit the report or one of its parts, unless the report cannot be changed."""
    report = item if isinstance(item, Report) else item.report
    try:
        workflow.ensure_editable(report)
    except WorkflowError as error:
        return refused(request, report, error)
    form = form_class(request.POST or None, instance=item)
    if form.is_valid():
        form.save()
        messages.success(request, f"Saved: {heading}.")
        return redirect(report)
    return form_page(request, form, heading=heading, button="Save", report=report)


@WRITE
def report_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return edit_page(request, get_object_or_404(Report, pk=pk), ReportForm,
                     heading="The report's details")


@WRITE
def section_edit(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    section = get_object_or_404(PrioritySection.objects.select_related("priority", "report"),
                                report=pk, priority__number=number)
    return edit_page(request, section, SectionForm,
                     heading=f"Priority {number}: {section.priority.title}")


@WRITE
def topic_edit(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    page = get_object_or_404(TopicPage.objects.select_related("topic", "report"), report=pk,
                             topic__code=code)
    return edit_page(request, page, TopicPageForm, heading=page.topic.name)


def step(request: HttpRequest, pk: int, move: Callable[[Report], object],
         done: str) -> HttpResponse:
    report = get_object_or_404(Report, pk=pk)
    try:
        move(report)
    except WorkflowError as error:
        return refused(request, report, error)
    messages.success(request, done)
    return redirect(report)


@require_POST
@WRITE
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    return step(request, pk, lambda r: workflow.submit(r, signed_in_user(request)),
                "Submitted for approval. The OPCC lead can now publish it or send it back.")


@require_POST
@APPROVE
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    return step(request, pk, lambda r: workflow.publish(r, signed_in_user(request)),
                "Published. Panel members can now read it; its figures are frozen as they "
                "stand today.")


def commented_step(request: HttpRequest, pk: int, move: Callable[[Report, str], Report | None],
                   *, heading: str, label: str, missing: str, button: str,
                   done: str) -> HttpResponse:
    report = get_object_or_404(Report, pk=pk)
    form = CommentForm(request.POST or None, label=label, missing=missing)
    if form.is_valid():
        try:
            result = move(report, form.cleaned_data["comment"]) or report
        except WorkflowError as error:
            return refused(request, report, error)
        messages.success(request, done)
        return redirect(result)
    return form_page(request, form, heading=heading, button=button, report=report)


@APPROVE
def send_back(request: HttpRequest, pk: int) -> HttpResponse:
    return commented_step(
        request, pk, lambda r, c: workflow.send_back(r, signed_in_user(request), c),
        heading="Send the report back", label="What needs changing?",
        missing="Say what needs changing: sending a report back needs a comment.",
        button="Send it back", done="Sent back to draft with your comment.")


@WRITE
def correct(request: HttpRequest, pk: int) -> HttpResponse:
    return commented_step(
        request, pk, lambda r, c: workflow.start_correction(r, signed_in_user(request), c),
        heading="Correct the published report", label="What does the correction change?",
        missing="Say what the correction changes: it is printed on both versions.",
        button="Start the correction",
        done="Correction started as a new draft version. The published version stays "
             "as it is until this one is published.")
