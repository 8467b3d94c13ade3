"""Pages of the Plan, the home page and the accessibility statement."""

from django.conf import settings
from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django_tables2 import RequestConfig

from oversight.core.breadcrumbs import trail
from oversight.core.changes import changed_since
from oversight.core.roles import Perm
from oversight.plan.forms import DeliverableFilterForm
from oversight.plan.models import Deliverable, Objective, Plan
from oversight.plan.queries import deliverables_with_status, status_counts
from oversight.plan.tables import DeliverableTable


@permission_required(Perm.READ_PLAN, raise_exception=True)
def plan_current(request: HttpRequest) -> HttpResponse:
    return _plan_overview(request, get_object_or_404(Plan, is_current=True))


@permission_required(Perm.READ_PLAN, raise_exception=True)
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _plan_overview(request, get_object_or_404(Plan, pk=pk))


def _plan_overview(request: HttpRequest, plan: Plan) -> HttpResponse:
    priorities = plan.priorities.prefetch_related("objectives")
    rows = deliverables_with_status(Deliverable.objects.in_plan(plan), timezone.localdate())
    context = {
        "plan": plan,
        "priorities": priorities,
        "counts": status_counts(rows),
        "other_plans": Plan.objects.exclude(pk=plan.pk),
        "breadcrumbs": trail(),
    }
    return render(request, "oversight/plan_overview.html", context)


@permission_required(Perm.READ_PLAN, raise_exception=True)
def objective_detail(request: HttpRequest, pk: int) -> HttpResponse:
    objective = get_object_or_404(Objective.objects.select_related("priority__plan"), pk=pk)
    rows = deliverables_with_status(objective.deliverables.all(), timezone.localdate())
    table = DeliverableTable(rows, exclude=("objective",))
    RequestConfig(request, paginate=False).configure(table)
    plan = objective.priority.plan
    context = {
        "objective": objective,
        "topics": objective.topic_set.all(),
        "table": table,
        "counts": status_counts(rows),
        "demo_placed": any(row.is_demo for row in rows),
        "breadcrumbs": trail((plan.title, plan.get_absolute_url())),
    }
    return render(request, "oversight/objective_detail.html", context)


@permission_required(Perm.READ_PLAN, raise_exception=True)
def deliverable_list(request: HttpRequest) -> HttpResponse:
    plan = get_object_or_404(Plan, is_current=True)
    form = DeliverableFilterForm(request.GET or None)
    as_of, known = form.as_of_or(timezone.localdate()), form.known_day()
    rows = deliverables_with_status(Deliverable.objects.in_plan(plan), as_of, known)
    counts = status_counts(rows)
    changed = changed_since(list(Deliverable.objects.in_plan(plan)), known)
    if form.is_valid() and form.cleaned_data["status"]:
        rows = [row for row in rows if row.current_status == form.cleaned_data["status"]]
    table = DeliverableTable(rows)
    RequestConfig(request, paginate=False).configure(table)
    context = {
        "plan": plan,
        "form": form,
        "table": table,
        "counts": counts,
        "demo_placed": any(row.is_demo for row in rows),
        "as_of": as_of,
        "as_of_query": as_of if request.GET.get("as_of") else None,
        "known": known, "changes": changed,
        "tolerance": settings.DELIVERABLE_BEHIND_TOLERANCE,
        "breadcrumbs": trail((plan.title, plan.get_absolute_url())),
    }
    return render(request, "oversight/deliverable_list.html", context)
