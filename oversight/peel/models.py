"""HMICFRS inspections, their findings and the force's monitoring stage."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse

from oversight.core.history import audit_links, audited
from oversight.core.progress import ProgressUpdateBase
from oversight.peel.clock import ResponseClock, response_clock, response_due


class Grade(models.TextChoices):
    OUTSTANDING = "outstanding", "Outstanding"
    GOOD = "good", "Good"
    ADEQUATE = "adequate", "Adequate"
    REQUIRES_IMPROVEMENT = "requires_improvement", "Requires improvement"
    INADEQUATE = "inadequate", "Inadequate"


@audited()
class Inspection(models.Model):
    class Kind(models.TextChoices):
        PEEL = "peel", "PEEL"
        THEMATIC = "thematic", "Thematic"
        OTHER = "other", "Other"

    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.PEEL)
    published_on = models.DateField("date published")
    response_published_on = models.DateField(
        "date the PCC's response was published", null=True, blank=True)
    summary = models.TextField(blank=True)
    note = models.CharField(
        max_length=300, blank=True, help_text="For example, what in this record is demo data.")

    class Meta:
        ordering = ["-published_on", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("peel:inspection", args=[self.pk])

    @property
    def response_due(self) -> date:
        return response_due(self.published_on)

    def response_clock(self, today: date) -> ResponseClock:
        return response_clock(self.published_on, self.response_published_on, today)

    def clean(self) -> None:
        if (self.response_published_on and self.published_on
                and self.response_published_on < self.published_on):
            raise ValidationError({"response_published_on":
                                   "The response cannot be published before the report"})


@audited()
class GradedArea(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="grades")
    name = models.CharField(max_length=200)
    grade = models.CharField(max_length=30, choices=Grade)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["inspection", "order", "name"]
        constraints = [models.UniqueConstraint(fields=["inspection", "name"],
                                               name="unique_graded_area")]

    def __str__(self) -> str:
        return f"{self.name}: {self.get_grade_display()}"


class FindingQuerySet(models.QuerySet):
    def in_report_order(self) -> "FindingQuerySet":
        """As HMICFRS lists them: each cause of concern followed by its
        recommendations, then the areas for improvement."""
        return self.annotate(
            is_improvement=models.Case(models.When(kind="afi", then=1), default=0),
            family=Coalesce("cause_id", "id"),
            is_cause=models.Case(models.When(kind="cause", then=0), default=1),
        ).order_by("inspection__published_on", "inspection_id", "is_improvement", "family",
                   "is_cause", "pk")

    def for_register(self) -> "FindingQuerySet":
        return self.in_report_order().select_related("inspection", "cause").prefetch_related(
            "objectives")


@audited()
class Finding(models.Model):
    class Kind(models.TextChoices):
        CAUSE_OF_CONCERN = "cause", "Cause of concern"
        RECOMMENDATION = "recommendation", "Recommendation"
        AREA_FOR_IMPROVEMENT = "afi", "Area for improvement"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        IN_PROGRESS = "in_progress", "In progress"
        EVIDENCE_SUBMITTED = "evidence_submitted", "Evidence submitted"
        CLOSED = "closed", "Closed by HMICFRS"

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="findings")
    kind = models.CharField(max_length=20, choices=Kind)
    cause = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="recommendations",
        verbose_name="cause of concern", limit_choices_to={"kind": Kind.CAUSE_OF_CONCERN},
        help_text="Every recommendation belongs to a cause of concern.")
    reference = models.CharField(max_length=20, help_text="For example CoC 1, R 1.2 or AFI 7.")
    text = models.TextField()
    owner = models.CharField(max_length=200, blank=True)
    target_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status, default=Status.OPEN)
    objectives = models.ManyToManyField("oversight.Objective", blank=True, related_name="findings")
    measures = models.ManyToManyField("scorecard.Measure", blank=True, related_name="findings")
    deliverables = models.ManyToManyField(
        "oversight.Deliverable", blank=True, related_name="findings")
    is_demo = models.BooleanField(
        "invented for the demo", default=False,
        help_text="Demo data only: this finding's wording is not from the source documents.")

    objects = FindingQuerySet.as_manager()
    # Not stored: the KPI evidence peel.evidence.attach_evidence gives a finding.
    evidence: Any

    class Meta:
        ordering = ["inspection", "kind", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "reference"],
                                    name="unique_finding_reference"),
            models.CheckConstraint(
                condition=models.Q(kind="recommendation", cause__isnull=False)
                | (~models.Q(kind="recommendation") & models.Q(cause__isnull=True)),
                name="recommendations_have_a_cause",
                violation_error_message="A recommendation needs its cause of concern, and "
                                        "only a recommendation has one."),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.text[:80]}"

    def get_absolute_url(self) -> str:
        return reverse("peel:finding", args=[self.pk])

    @property
    def is_recommendation(self) -> bool:
        return self.kind == self.Kind.RECOMMENDATION

    def is_overdue(self, today: date) -> bool:
        return bool(self.target_date and self.target_date < today
                    and self.status != self.Status.CLOSED)

    def clean(self) -> None:
        errors = {}
        if self.is_recommendation and self.cause_id is None:
            errors["cause"] = "Choose the cause of concern this recommendation belongs to"
        elif not self.is_recommendation and self.cause_id is not None:
            errors["cause"] = "Only a recommendation belongs to a cause of concern"
        elif self.cause is not None and (
                self.cause.kind != self.Kind.CAUSE_OF_CONCERN
                or self.cause.inspection_id != self.inspection_id):
            errors["cause"] = "Choose a cause of concern from the same inspection"
        published = self.inspection.published_on if self.inspection_id else None
        if self.target_date and published and self.target_date < published:
            errors["target_date"] = (
                f"The target date must be on or after the inspection was published "
                f"({published:%-d %B %Y})")
        if errors:
            raise ValidationError(errors)


class Rag(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"


@audited()
class ProgressUpdate(ProgressUpdateBase):
    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="updates")
    rag = models.CharField("RAG rating", max_length=10, choices=Rag)

    class Meta(ProgressUpdateBase.Meta):
        get_latest_by = ["date", "pk"]
        constraints = [models.CheckConstraint(
            condition=~models.Q(narrative=""), name="progress_update_has_text",
            violation_error_message="Enter what progress has been made")]

    def __str__(self) -> str:
        return f"{self.finding.reference} {self.date}: {self.get_rag_display()}"


@audited()
class MonitoringStage(models.Model):
    """HMICFRS's monitoring of the force: Scan is routine, Engage is enhanced."""

    class Stage(models.TextChoices):
        SCAN = "scan", "Scan"
        ENGAGE = "engage", "Engage"

    stage = models.CharField(max_length=10, choices=Stage)
    started_on = models.DateField(unique=True)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-started_on"]
        get_latest_by = "started_on"

    def __str__(self) -> str:
        return f"{self.get_stage_display()} from {self.started_on:%-d %B %Y}"


audit_links(Finding.objectives.through, "FindingObjectiveLink", "oversight")
audit_links(Finding.measures.through, "FindingMeasureLink", "oversight")
audit_links(Finding.deliverables.through, "FindingDeliverableLink", "oversight")
