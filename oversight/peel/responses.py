"""The response to an HMICFRS report that Police Act 1996 s.55 requires: the
chief officer's comments, invited first, and the local policing body's own
comments on the report and on theirs, explaining for each recommendation what
action has been or will be taken, or why none will be (s.55(5B)). Published
within 56 days beginning with the report's publication (s.55(5A);
oversight/peel/clock.py), then copied to HMICFRS and the Home Secretary."""

from datetime import date
from typing import Any

from django.db import models
from django.urls import reverse

from oversight.core.history import audited
from oversight.core.publications import Publishable
from oversight.peel.models import Finding, Inspection


@audited()
class InspectionResponse(Publishable):
    public_kind = "inspection-responses"
    public_kind_name = "Responses to HMICFRS reports"
    public_related = ("inspection",)

    inspection = models.OneToOneField(Inspection, on_delete=models.PROTECT,
                                      related_name="response")
    comments = models.TextField(
        "comments on the report", blank=True,
        help_text="The overall response to the report's findings, as published.")
    chief_officer_invited_on = models.DateField(
        "date the chief officer's comments were invited", null=True, blank=True)
    chief_officer_received_on = models.DateField(
        "date the chief officer's comments were received", null=True, blank=True)
    chief_officer_comments = models.TextField("the chief officer's comments", blank=True)
    response_to_chief_officer = models.TextField(
        "response to the chief officer's comments", blank=True)
    # Kept after publication, and not part of what is published: recording
    # them does not make the response a draft again.
    sent_to_hmicfrs_on = models.DateField("copy sent to HMICFRS on", null=True, blank=True)
    sent_to_home_secretary_on = models.DateField("copy sent to the Home Secretary on",
                                                 null=True, blank=True)

    class Meta:
        app_label = "oversight"
        constraints = [models.CheckConstraint(
            condition=models.Q(chief_officer_received_on__gte=models.F(
                "chief_officer_invited_on")) | models.Q(chief_officer_received_on__isnull=True)
            | models.Q(chief_officer_invited_on__isnull=True),
            name="chief_officer_comments_received_after_invited")]

    def __str__(self) -> str:
        return f"Response to {self.inspection}"

    def get_absolute_url(self) -> str:
        return reverse("peel:response", args=[self.inspection_id])

    def public_key(self) -> str:
        return f"inspection-{self.inspection_id}"

    def public_title(self) -> str:
        return f"Response to the HMICFRS report: {self.inspection.title}"

    def problems(self) -> list[str]:
        """What s.55 asks for that the response does not yet have."""
        found = []
        if not self.chief_officer_comments.strip():
            found.append("The chief officer's comments: s.55 invites them first and "
                         "publishes them with the response.")
        if not self.response_to_chief_officer.strip():
            found.append("The response to the chief officer's comments.")
        missing = [e.finding.reference for e in self.explanations.all()
                   if not e.explanation.strip()]
        if missing:
            found.append("An explanation for each recommendation (s.55(5B)): "
                         + ", ".join(missing) + ".")
        return found

    def public_document(self) -> dict[str, Any]:
        inspection = self.inspection
        return {
            "inspection": {"title": inspection.title, "kind": inspection.get_kind_display(),
                           "published_on": inspection.published_on,
                           "summary": inspection.summary,
                           "grades": [{"name": g.name, "grade": g.get_grade_display()}
                                      for g in inspection.grades.all()]},
            "last_day": inspection.response_due,
            "comments": self.comments,
            "chief_officer": {"invited_on": self.chief_officer_invited_on,
                              "received_on": self.chief_officer_received_on,
                              "comments": self.chief_officer_comments},
            "response_to_chief_officer": self.response_to_chief_officer,
            "recommendations": [
                {"reference": e.finding.reference, "text": e.finding.text,
                 "action": e.get_action_display(), "explanation": e.explanation}
                for e in self.explanations.select_related("finding")],
        }

    def after_publishing(self, published_on: date) -> None:
        """The inspection's clock stops on the first publication."""
        if self.inspection.response_published_on is None:
            self.inspection.response_published_on = published_on
            self.inspection.save(update_fields=["response_published_on"])


@audited()
class RecommendationExplanation(models.Model):
    """What the response says about one recommendation (s.55(5B))."""

    class Action(models.TextChoices):
        TAKEN = "taken", "Action has been taken"
        WILL_BE_TAKEN = "will_be_taken", "Action will be taken"
        NONE = "none", "No action will be taken"

    response = models.ForeignKey(InspectionResponse, on_delete=models.CASCADE,
                                 related_name="explanations")
    finding = models.ForeignKey(Finding, on_delete=models.PROTECT, related_name="+",
                                limit_choices_to={"kind": Finding.Kind.RECOMMENDATION})
    action = models.CharField(max_length=20, choices=Action, default=Action.WILL_BE_TAKEN)
    explanation = models.TextField(
        blank=True, help_text="What action has been or will be taken, or why none will be.")

    class Meta:
        app_label = "oversight"
        ordering = ["response", "pk"]
        constraints = [models.UniqueConstraint(fields=["response", "finding"],
                                               name="one_explanation_per_recommendation")]

    def __str__(self) -> str:
        return self.finding.reference
