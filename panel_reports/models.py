"""Quarterly highlight reports for the Police and Crime Panel, the panel's
meetings and forward work plan, and the acronyms glossary.

A report is edited as a draft, submitted for approval and published by the
OPCC lead. Publishing stores the whole rendered document (`snapshot`); a
published report is read from that alone and never changes. A correction is
a new version that names the one it corrects.
"""

from datetime import date
from typing import Any

import pghistory
import pgtrigger
from django.conf import settings
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.urls import reverse

from oversight.core.history import audited
from oversight.core.public_cache import forget_kept_pages
from oversight.core.publications import Publishable
from oversight.core.requests import Reader
from oversight.core.roles import Perm
from scorecard.formats import month_end


@audited()
class Acronym(models.Model):
    """An entry of the glossary printed at the end of every report (seed 001)."""

    acronym = models.CharField(max_length=20, unique=True)
    meaning = models.CharField(max_length=300)

    class Meta:
        ordering = ["acronym"]

    def __str__(self) -> str:
        return self.acronym


@audited()
class PanelMeeting(models.Model):
    """A meeting of the Police and Crime Panel; its agenda is the forward work plan."""

    date = models.DateField()
    starts_at = models.TimeField(null=True, blank=True)
    ends_at = models.TimeField(null=True, blank=True)
    place = models.CharField(max_length=200, help_text="For example: Kennet Room, County Hall, "
                             "Trowbridge. Write \u201cVenue TBC\u201d if not yet known.")

    class Meta:
        ordering = ["date", "starts_at"]
        constraints = [models.UniqueConstraint(fields=["date", "place"],
                                               name="one_panel_meeting_per_day_and_place")]

    def __str__(self) -> str:
        return f"{self.date:%-d %B %Y}, {self.place}"


@receiver([post_save, post_delete], sender=PanelMeeting)
def forget_pages_naming_it(**kwargs: object) -> None:
    """A published report's pages name its meeting, read as it stands: kept
    pages that named the meeting as it was are forgotten."""
    transaction.on_commit(forget_kept_pages)


@audited()
class AgendaItem(models.Model):
    meeting = models.ForeignKey(PanelMeeting, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=300)
    report = models.ForeignKey("Report", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="agenda_items")

    class Meta:
        ordering = ["meeting", "order", "pk"]

    def __str__(self) -> str:
        return self.title


def sees_draft_reports(user: Reader) -> bool:
    """The one rule: reports are read once published, drafts (and submitted
    ones) only by the OPCC."""
    return user.has_perm(Perm.READ_DRAFT_REPORTS)


class ReportQuerySet(models.QuerySet):
    def published(self) -> "ReportQuerySet":
        return self.filter(status=Report.Status.PUBLISHED)

    def visible_to(self, user: Reader) -> "ReportQuerySet":
        return self if sees_draft_reports(user) else self.published()


# Not "ReportEvent": that is the workflow's own record (below). The snapshot is
# frozen on publication and large, so it is not copied into every event.
@audited(exclude=["snapshot"], model_name="ReportChange",
         obj_field=pghistory.ObjForeignKey(related_name="changes"))
class Report(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted for approval"
        PUBLISHED = "published", "Published"

    period_start = models.DateField(help_text="The first month the report covers.")
    period_end = models.DateField(help_text="The last month the report covers.")
    reference_month = models.DateField(
        help_text="The month the KPI tables are at: the latest with the force's data.")
    meeting = models.ForeignKey(PanelMeeting, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="reports", verbose_name="panel meeting")
    inspection = models.ForeignKey(
        "oversight.Inspection", null=True, blank=True, on_delete=models.PROTECT,
        help_text="The inspection whose PEEL progress report the report includes.")
    assessment = models.TextField("overall PCC assessment", blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveSmallIntegerField(default=1)
    corrects = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="correction",
        help_text="The published version this one corrects.")
    correction_note = models.TextField(blank=True)
    snapshot = models.JSONField(null=True, blank=True, editable=False)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="reports_started",
                                   editable=False, help_text="Who started the draft.")

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-period_end", "-version"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="published", snapshot__isnull=False,
                                   published_at__isnull=False)
                | (~models.Q(status="published") & models.Q(snapshot__isnull=True)),
                name="published_reports_have_a_snapshot"),
            models.CheckConstraint(condition=models.Q(period_end__gte=models.F("period_start")),
                                   name="report_period_in_order"),
            models.CheckConstraint(
                condition=models.Q(period_start__day=1, period_end__day=1,
                                   reference_month__day=1),
                name="report_months_on_first_day"),
            models.UniqueConstraint(fields=["period_start", "period_end", "version"],
                                    name="one_report_version_per_period"),
        ]
        # Frozen once published, whatever writes to the table: the admin, a
        # script or SQL. A correction is a new row.
        triggers = [pgtrigger.Protect(
            name="published_reports_are_frozen",
            operation=pgtrigger.Update | pgtrigger.Delete,
            condition=pgtrigger.Q(old__status="published"))]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("panel_reports:contents", args=[self.pk])

    @property
    def period(self) -> str:
        """ "September – December 2023", as seed 001 names the quarter."""
        start, end = self.period_start, self.period_end
        first = f"{start:%B}" if start.year == end.year else f"{start:%B %Y}"
        return f"{first} – {end:%B %Y}"

    @property
    def title(self) -> str:
        text = f"Quarterly Highlight Report {self.period}"
        return f"{text} (version {self.version})" if self.version > 1 else text

    @property
    def period_end_day(self) -> date:
        return month_end(self.period_end)

    def visible_to(self, user: Reader) -> bool:
        """ReportQuerySet.visible_to for a report already in hand."""
        return self.is_published or sees_draft_reports(user)

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT


@audited()
class PrioritySection(models.Model):
    """A priority's page of the report: seed 001's four boxes (the deliverables
    table is read from the Plan)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="sections")
    priority = models.ForeignKey("oversight.Priority", on_delete=models.PROTECT)
    outcomes = models.TextField("outcomes achieved this quarter", blank=True,
                                help_text="One point a line.")
    focus = models.TextField("PCC focus next quarter", blank=True, help_text="One point a line.")
    risks = models.TextField("risks and issues", blank=True, help_text="One point a line.")

    class Meta:
        ordering = ["report", "priority__number"]
        constraints = [models.UniqueConstraint(fields=["report", "priority"],
                                               name="one_section_per_priority")]

    def __str__(self) -> str:
        return f"Priority {self.priority.number}"


@audited()
class TopicPage(models.Model):
    """A topic's WHAT / SO WHAT / NOW WHAT page."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="topic_pages")
    topic = models.ForeignKey("scorecard.Topic", on_delete=models.PROTECT)
    order = models.PositiveSmallIntegerField(default=0)
    reference_month = models.DateField(
        null=True, blank=True,
        help_text="The month this KPI table shows, if not the report's: a topic whose "
        "data come later is shown at its latest month, as seed 001 does.")
    show_charts = models.BooleanField("show the control charts", default=False)
    so_what = models.TextField("SO WHAT?", blank=True)
    now_what = models.TextField("NOW WHAT?", blank=True, help_text="One action a line.")

    class Meta:
        ordering = ["report", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["report", "topic"],
                                               name="one_page_per_topic")]

    def __str__(self) -> str:
        return self.topic.name


@audited()
class ReportEvent(models.Model):
    """The report's workflow history: who submitted, sent back or published it."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", "Submitted for approval"
        SENT_BACK = "sent_back", "Sent back"
        PUBLISHED = "published", "Published"
        CORRECTION = "correction", "Correction started"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=20, choices=Action.choices)
    comment = models.TextField(blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["report", "-at", "-pk"]
        constraints = [models.CheckConstraint(
            condition=~models.Q(action="sent_back") | ~models.Q(comment=""),
            name="sending_back_has_a_comment")]
        # Who submitted, sent back or published a report, and what they said,
        # is never rewritten: a later step is a new event.
        triggers = [pgtrigger.Protect(name="report_events_stand",
                                      operation=pgtrigger.Update | pgtrigger.Delete)]

    def __str__(self) -> str:
        return self.get_action_display()


@audited()
class AnnualReport(Publishable):
    """The annual report the Police Reform and Social Responsibility Act 2011
    s.12 requires on the exercise of the office's functions in each financial
    year and the progress made against the Plan's objectives: its own text,
    with the year's published quarterly highlight reports (their snapshots)."""

    public_kind = "annual-reports"
    public_kind_name = "Annual reports"

    year_start = models.DateField("first day of the financial year",
                                  help_text="1 April of the year the report covers.")
    foreword = models.TextField(blank=True)
    progress = models.TextField("progress against the Plan's objectives",
                                help_text="One point a line.")
    panel_questions = models.TextField(
        "the panel's questions and recommendations, and the answers", blank=True)

    class Meta:
        ordering = ["-year_start"]
        constraints = [
            models.UniqueConstraint(fields=["year_start"], name="one_annual_report_per_year"),
            models.CheckConstraint(condition=models.Q(year_start__month=4, year_start__day=1),
                                   name="annual_report_year_starts_1_april")]

    def __str__(self) -> str:
        return f"Annual report {self.year_label}"

    @property
    def year_label(self) -> str:
        return f"{self.year_start.year}/{(self.year_start.year + 1) % 100:02d}"

    def public_key(self) -> str:
        return f"{self.year_start.year}-{(self.year_start.year + 1) % 100:02d}"

    def public_document(self) -> dict[str, Any]:
        # The report's parts read the scorecard, whose modules read the models.
        from panel_reports.annual_reports import annual_report_document
        return annual_report_document(self)
