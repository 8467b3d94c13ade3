"""The OPCC delivery plan (seed 004): objectives and core activities with
their ELT owners, each activity's status and progress updates."""

from collections import Counter

from django.contrib.auth.decorators import permission_required
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from oversight.core.breadcrumbs import trail
from oversight.core.progress import add_update_page
from oversight.core.roles import Perm
from oversight.delivery.forms import ActivityUpdateForm
from oversight.delivery.models import ActivityStatus, ActivityUpdate, CoreActivity, DeliveryPlan

READ = permission_required(Perm.READ_PLAN, raise_exception=True)
RECORD = permission_required(Perm.RECORD_PROGRESS, raise_exception=True)
UPDATES = Prefetch("updates", ActivityUpdate.objects.order_by("-date", "-pk"))


@READ
def delivery_plan_latest(request: HttpRequest) -> HttpResponse:
    plan = DeliveryPlan.objects.order_by("-start_date").first()
    if plan is None:
        raise Http404("No OPCC delivery plan has been entered")
    return _plan_page(request, plan)


@READ
def delivery_plan(request: HttpRequest, pk: int) -> HttpResponse:
    return _plan_page(request, get_object_or_404(DeliveryPlan, pk=pk))


def _plan_page(request: HttpRequest, plan: DeliveryPlan) -> HttpResponse:
    objectives = plan.objectives.prefetch_related(
        Prefetch("activities", CoreActivity.objects.prefetch_related(UPDATES)))
    activities = [a for o in objectives for a in o.activities.all()]
    seen = Counter(a.status for a in activities)
    owners = sorted({owner.strip() for a in activities for owner in split_owners(a.owner)})
    context = {"plan": plan, "objectives": objectives,
               "counts": [(status.label, seen[status]) for status in ActivityStatus],
               "owners": owners, "other_plans": DeliveryPlan.objects.exclude(pk=plan.pk),
               "breadcrumbs": trail()}
    return render(request, "oversight/delivery/plan.html", context)


def split_owners(owner: str) -> list[str]:
    """ "D/CEO, Head of CC&E, CFO" and "D/CEO & CFO" name several ELT owners."""
    return [part for chunk in owner.split(",") for part in chunk.split(" & ") if part.strip()]


@READ
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(
        CoreActivity.objects.select_related("objective__plan").prefetch_related(UPDATES), pk=pk)
    context = {"activity": activity, "breadcrumbs": trail(
        (activity.objective.plan.title, activity.objective.plan.get_absolute_url()))}
    return render(request, "oversight/delivery/activity.html", context)


@RECORD
def activity_update(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(CoreActivity.objects.select_related("objective__plan"), pk=pk)
    return add_update_page(
        request, activity, ActivityUpdateForm, done="Progress update added.",
        caption=activity.objective.plan.title, about=f"{activity.text} ({activity.owner})",
        breadcrumbs=trail(
            (activity.objective.plan.title, activity.objective.plan.get_absolute_url()),
            ("Core activity", activity.get_absolute_url())))
