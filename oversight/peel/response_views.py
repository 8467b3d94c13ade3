"""The s.55 response builder: staff start an inspection's response from its
recommendations' progress, add the chief officer's comments and the response
to them, and submit it; the OPCC lead publishes it on the public site
(oversight/portal/publishing_views.py); staff then record the copies sent."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from oversight.core.breadcrumbs import Crumb, section
from oversight.core.publishing import published_versions
from oversight.core.roles import Perm
from oversight.peel.forms import CopiesSentForm, ExplanationFormSet, InspectionResponseForm
from oversight.peel.models import Inspection
from oversight.peel.response_service import saved, start_response
from oversight.peel.responses import InspectionResponse

WRITE = permission_required(Perm.WRITE_DRAFTS, raise_exception=True)
crumbs = section("PEEL register", "peel:register")


def trail(inspection: Inspection, *steps: Crumb) -> list[Crumb]:
    return crumbs((inspection.title, inspection.get_absolute_url()), *steps)


def response_of(pk: int) -> InspectionResponse:
    return get_object_or_404(InspectionResponse.objects.select_related("inspection"),
                             inspection=pk)


@WRITE
def response_page(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = get_object_or_404(Inspection, pk=pk)
    response = InspectionResponse.objects.filter(inspection=inspection).first()
    context: dict[str, Any] = {"inspection": inspection, "response": response,
               "clock": inspection.response_clock(timezone.localdate()),
               "breadcrumbs": trail(inspection)}
    if response is not None:
        context |= {"document": response.public_document(), "problems": response.problems(),
                    "versions": published_versions(response)}
    return render(request, "oversight/peel/response.html", context)


@require_POST
@WRITE
def response_start(request: HttpRequest, pk: int) -> HttpResponse:
    response = start_response(get_object_or_404(Inspection, pk=pk))
    messages.success(request, "Response started, with each recommendation's latest progress "
                              "as the start of its explanation.")
    return redirect("peel:response_edit", pk=response.inspection_id)


@WRITE
def response_edit(request: HttpRequest, pk: int) -> HttpResponse:
    response = response_of(pk)
    form = InspectionResponseForm(request.POST or None, instance=response)
    explanations = ExplanationFormSet(
        request.POST or None, instance=response, prefix="recommendations",
        queryset=response.explanations.select_related("finding"))
    if request.method == "POST" and form.is_valid() and explanations.is_valid():
        with transaction.atomic():
            form.save()
            explanations.save()
            saved(response, form.has_changed() or explanations.has_changed())
        messages.success(request, "Response saved.")
        return redirect(response)
    return render(request, "oversight/peel/response_form.html", {
        "form": form, "explanations": explanations, "inspection": response.inspection,
        "breadcrumbs": trail(response.inspection,
                             ("The s.55 response", response.get_absolute_url()))})


@WRITE
def response_copies(request: HttpRequest, pk: int) -> HttpResponse:
    response = response_of(pk)
    form = CopiesSentForm(request.POST or None, instance=response)
    if form.is_valid():
        form.save()  # a record of what was done: the published response is unchanged
        messages.success(request, "Copies recorded.")
        return redirect(response)
    return render(request, "oversight/comment_form.html", {
        "form": form, "heading": "Copies of the response sent",
        "caption": response.public_title(), "button": "Save",
        "breadcrumbs": trail(response.inspection,
                             ("The s.55 response", response.get_absolute_url()))})
