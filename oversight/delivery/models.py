"""The OPCC's own delivery plan (seed 004): objectives, core activities and
each activity's ELT owner, status and progress updates."""

from django.db import models
from django.urls import reverse

from oversight.core.history import audited
from oversight.core.progress import ProgressUpdateBase


@audited()
class DeliveryPlan(models.Model):
    title = models.CharField(max_length=200, unique=True)
    period = models.CharField(max_length=20, help_text="For example 2020-21.")
    start_date = models.DateField()
    end_date = models.DateField()

    class Meta:
        ordering = ["-start_date"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("delivery:plan", args=[self.pk])


@audited()
class DeliveryObjective(models.Model):
    plan = models.ForeignKey(DeliveryPlan, on_delete=models.CASCADE, related_name="objectives")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)

    class Meta:
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"],
                                               name="unique_delivery_objective")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class ActivityStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    ON_TRACK = "on_track", "On track"
    AT_RISK = "at_risk", "At risk"
    COMPLETE = "complete", "Complete"


@audited()
class CoreActivity(models.Model):
    objective = models.ForeignKey(DeliveryObjective, on_delete=models.CASCADE,
                                  related_name="activities")
    order = models.PositiveSmallIntegerField()
    text = models.TextField("core activity")
    owner = models.CharField("ELT owner", max_length=100)
    status = models.CharField(max_length=20, choices=ActivityStatus,
                              default=ActivityStatus.NOT_STARTED)

    class Meta:
        ordering = ["objective", "order"]
        verbose_name_plural = "core activities"
        constraints = [models.UniqueConstraint(fields=["objective", "order"],
                                               name="unique_activity_order")]

    def __str__(self) -> str:
        return self.text[:80]

    def get_absolute_url(self) -> str:
        return reverse("delivery:activity", args=[self.pk])


@audited()
class ActivityUpdate(ProgressUpdateBase):
    """An update sets its activity's status (see forms.ActivityUpdateForm)."""

    activity = models.ForeignKey(CoreActivity, on_delete=models.CASCADE, related_name="updates")
    status = models.CharField(max_length=20, choices=ActivityStatus)
    is_demo = models.BooleanField("invented for the demo", default=False)

    class Meta(ProgressUpdateBase.Meta):
        constraints = [models.CheckConstraint(
            condition=~models.Q(narrative=""), name="activity_update_has_text",
            violation_error_message="Enter what progress has been made")]

    def __str__(self) -> str:
        return f"{self.date}: {self.get_status_display()}"
