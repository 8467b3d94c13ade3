"""The Police and Crime Plan: priorities, objectives and deliverables."""

from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.urls import reverse

from oversight.core.history import audited
from oversight.core.roles import PERMISSION_NAMES, Perm
from oversight.plan.deliverables import DeliverableStatus, deliverable_status


class Access(models.Model):
    """Holds the portal's own permissions (see roles.py); it has no table."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [(perm.codename, PERMISSION_NAMES[perm]) for perm in Perm]

    def __str__(self) -> str:
        return "Portal permissions"


@audited()
class Plan(models.Model):
    title = models.CharField(max_length=200)
    period = models.CharField(max_length=20, help_text="For example 2022-25.")
    start_date = models.DateField()
    end_date = models.DateField()
    is_current = models.BooleanField(
        "current plan", default=False, help_text="Only one plan can be current."
    )

    class Meta:
        ordering = ["-start_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"],
                condition=models.Q(is_current=True),
                name="one_current_plan",
                violation_error_message="Another plan is already the current plan.",
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__gt=models.F("start_date")),
                name="plan_ends_after_it_starts",
                violation_error_message="The plan must end after it starts.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plan:detail", args=[self.pk])


@audited()
class Priority(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="priorities")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)

    class Meta:
        ordering = ["plan", "number"]
        verbose_name_plural = "priorities"
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="unique_priority_number")
        ]

    def __str__(self) -> str:
        return f"Priority {self.number}: {self.title}"


@audited()
class Objective(models.Model):
    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="objectives")
    code = models.CharField(
        max_length=10,
        validators=[RegexValidator(r"^\d+\.\d+$", "Enter a code like 1.2")],
        help_text="For example 1.2.",
    )
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    is_demo = models.BooleanField(
        "invented for the demo",
        default=False,
        help_text="Demo data only: this objective is not named in the source documents.",
    )

    class Meta:
        ordering = ["priority__plan", "priority__number", "code"]
        constraints = [
            models.UniqueConstraint(fields=["priority", "code"], name="unique_objective_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("plan:objective", args=[self.pk])


class DeliverableQuerySet(models.QuerySet):
    def in_plan(self, plan: "Plan") -> "DeliverableQuerySet":
        return self.filter(objective__priority__plan=plan)

    def with_objective(self) -> "DeliverableQuerySet":
        return self.select_related("objective__priority")


@audited()
class Deliverable(models.Model):
    # Set on each deliverable plan.queries.deliverables_with_status returns.
    current_status: DeliverableStatus
    objective = models.ForeignKey(
        Objective, on_delete=models.CASCADE, related_name="deliverables"
    )
    action = models.TextField()
    owner = models.CharField(max_length=200, blank=True)
    start_date = models.DateField(help_text="When work began; progress is judged from here.")
    due_date = models.DateField("date due")
    progress = models.PositiveSmallIntegerField(
        "progress (%)", default=0, validators=[MaxValueValidator(100)]
    )
    last_update = models.TextField(blank=True)
    last_updated_on = models.DateField(null=True, blank=True)
    is_demo = models.BooleanField(
        "placed by the demo", default=False,
        help_text="Demo data only: seed 001 lists this deliverable under its priority; the "
        "objective it sits under, its owner and its start date are invented.",
    )

    objects = DeliverableQuerySet.as_manager()

    class Meta:
        ordering = ["objective__priority__number", "objective__code", "due_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="progress_at_most_100"
            ),
            models.CheckConstraint(
                condition=models.Q(due_date__gte=models.F("start_date")),
                name="deliverable_due_after_start",
                violation_error_message="The date due must be on or after the start date.",
            ),
        ]

    def __str__(self) -> str:
        return self.action[:80]

    def status(self, as_of: date) -> DeliverableStatus:
        return deliverable_status(
            self.progress,
            self.start_date,
            self.due_date,
            as_of,
            settings.DELIVERABLE_BEHIND_TOLERANCE,
        )
