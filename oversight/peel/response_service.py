"""Starting and saving an inspection's s.55 response."""

from django.db import transaction

from oversight.core import publishing
from oversight.peel.models import Finding, Inspection
from oversight.peel.responses import InspectionResponse, RecommendationExplanation

Action = RecommendationExplanation.Action
DONE = {Finding.Status.CLOSED, Finding.Status.EVIDENCE_SUBMITTED}


@transaction.atomic
def start_response(inspection: Inspection) -> InspectionResponse:
    """A draft response with an explanation for each recommendation, started from
    its progress: closed or evidenced is action taken, otherwise action to be
    taken, with the latest progress update's words for staff to edit."""
    response, created = InspectionResponse.objects.get_or_create(inspection=inspection)
    if not created:
        return response
    recommendations = (inspection.findings.filter(kind=Finding.Kind.RECOMMENDATION)
                       .in_report_order().prefetch_related("updates"))
    RecommendationExplanation.objects.bulk_create(
        RecommendationExplanation(response=response, finding=finding,
                                  action=Action.TAKEN if finding.status in DONE
                                  else Action.WILL_BE_TAKEN,
                                  explanation=started_explanation(finding))
        for finding in recommendations)
    return response


def started_explanation(finding: Finding) -> str:
    latest = max(finding.updates.all(), key=lambda u: (u.date, u.pk), default=None)
    return latest.narrative if latest else ""


def saved(response: InspectionResponse, changed: bool) -> None:
    """After an edit: a submitted or published response that changed is a draft
    again, approved before the public site shows the change."""
    if changed and response.publishing != "draft":
        publishing.changed(response)
        response.save(update_fields=["publishing"])
