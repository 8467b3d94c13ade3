"""How a report moves: built as a draft from the scorecard, submitted for
approval, sent back with a comment or published by the OPCC lead, and
corrected by a new version. Who may do each is checked by the views; what
state allows it is checked here, with the message users see."""

from collections.abc import Iterable
from datetime import date, datetime

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from oversight.core.public_cache import forget_kept_pages
from oversight.plan.models import Priority
from panel_reports import document, tasks, tokens
from panel_reports.models import PrioritySection, Report, ReportEvent, TopicPage
from panel_reports.topic_parts import rows_by_topic
from scorecard.models import MonthlyValue, Topic
from scorecard.summary import bullets

Action = ReportEvent.Action


class WorkflowError(Exception):
    """A step the report's state does not allow; the message says why."""


def ensure_editable(report: Report) -> None:
    if report.status == Report.Status.PUBLISHED:
        raise WorkflowError("This report is published and cannot be changed. To correct it, "
                            "start a correction: a new version that keeps this one visible.")
    if report.status == Report.Status.SUBMITTED:
        raise WorkflowError("This report is waiting for approval. The OPCC lead must send it "
                            "back before it can be changed.")


@transaction.atomic
def create_draft(report: Report, user: User) -> Report:
    """Save a new draft with a section for each of its Plan's priorities and a page
    for each topic with active measures, SO WHAT started from the data summary."""
    report.status, report.created_by = Report.Status.DRAFT, user
    report.save()
    priorities = Priority.objects.filter(plan__is_current=True)
    PrioritySection.objects.bulk_create(
        PrioritySection(report=report, priority=priority) for priority in priorities)
    topics = list(Topic.objects.filter(measures__active=True).distinct()
                  .order_by("priority__number", "order", "name"))
    latest, month = latest_months(topics), report.reference_month
    months = {topic.pk: min(latest.get(topic.pk, month), month) for topic in topics}
    rows = rows_by_topic(months)
    TopicPage.objects.bulk_create(
        TopicPage(report=report, topic=topic, order=order,
                  reference_month=months[topic.pk] if months[topic.pk] != month else None,
                  so_what="\n".join(bullets(rows[topic.pk], months[topic.pk], tokens.token)))
        for order, topic in enumerate(topics))
    return report


def latest_months(topics: Iterable[Topic]) -> dict[int, date]:
    """Each topic's latest month with data (one query)."""
    return dict(MonthlyValue.objects.filter(measure__topic__in=topics).values(
        "measure__topic").annotate(latest=Max("month")).values_list("measure__topic", "latest"))


@transaction.atomic
def submit(report: Report, user: User) -> None:
    report = _locked(report)
    if report.status != Report.Status.DRAFT:
        raise WorkflowError(f"Only a draft can be submitted; this report is "
                            f"{report.get_status_display().lower()}.")
    _move(report, Report.Status.SUBMITTED, Action.SUBMITTED, user)


@transaction.atomic
def send_back(report: Report, user: User, comment: str) -> None:
    report = _locked(report)
    if report.status != Report.Status.SUBMITTED:
        raise WorkflowError("Only a report submitted for approval can be sent back.")
    if not comment.strip():
        raise WorkflowError("Say what needs changing: sending a report back needs a comment.")
    _move(report, Report.Status.DRAFT, Action.SENT_BACK, user, comment.strip())


@transaction.atomic
def publish(report: Report, user: User, at: datetime | None = None) -> Report:
    """Freeze the report as it stands: every figure, table, chart and text.
    (`at`: when, if not now; the demo publishes its report in December 2023.)"""
    report = _locked(report)
    if report.status == Report.Status.PUBLISHED:
        raise WorkflowError("This report is already published.")
    if report.status != Report.Status.SUBMITTED:
        raise WorkflowError("Submit the report for approval before publishing it: only a "
                            "submitted report can be published.")
    if submitter(report) == user.pk and not settings.ALLOW_PUBLISHING_OWN_SUBMISSION:
        raise WorkflowError("You submitted this report, so someone else must publish it: "
                            "a report is approved by a second person.")
    report.snapshot = document.build(report)
    report.published_at, report.published_by = at or timezone.now(), user
    _move(report, Report.Status.PUBLISHED, Action.PUBLISHED, user)
    tasks.print_published_report.defer(report_id=report.pk)  # with the publication, or not at all
    transaction.on_commit(forget_kept_pages)  # the public site lists it, and its corrected one
    return report


@transaction.atomic
def start_correction(report: Report, user: User, note: str) -> Report:
    """A new draft version of a published report, copied from it; the published
    version stays as it is, and says it has been corrected once this one is."""
    report = _locked(report)
    if report.status != Report.Status.PUBLISHED:
        raise WorkflowError("Only a published report is corrected; change the draft instead.")
    if Report.objects.filter(corrects=report).exists():
        raise WorkflowError("A correction of this report has already been started.")
    if not note.strip():
        raise WorkflowError("Say what the correction changes: it is printed on both versions.")
    sections, pages = list(report.sections.all()), list(report.topic_pages.all())
    new = Report.objects.create(
        period_start=report.period_start, period_end=report.period_end,
        reference_month=report.reference_month, meeting=report.meeting,
        inspection=report.inspection, assessment=report.assessment,
        version=report.version + 1, corrects=report, correction_note=note.strip(),
        created_by=user)
    for section in sections:
        section.pk, section.report = None, new
    for page in pages:
        page.pk, page.report = None, new
    PrioritySection.objects.bulk_create(sections)
    TopicPage.objects.bulk_create(pages)
    ReportEvent.objects.create(report=new, action=Action.CORRECTION, comment=note.strip(),
                               by=user)
    return new


def submitter(report: Report) -> int | None:
    """Who submitted the report for the approval it is waiting for."""
    return (report.events.filter(action=Action.SUBMITTED).order_by("-at", "-pk")
            .values_list("by", flat=True).first())


def _locked(report: Report) -> Report:
    return Report.objects.select_for_update().get(pk=report.pk)


def _move(report: Report, status: str, action: str, user: User, comment: str = "") -> None:
    report.status = status
    report.save()
    ReportEvent.objects.create(report=report, action=action, comment=comment, by=user)
