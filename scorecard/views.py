"""Scorecard pages: measures, the monthly return and the bulk upload."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from oversight.core.breadcrumbs import trail
from oversight.core.locks import Busy
from oversight.core.roles import Perm
from scorecard import returns
from scorecard.charts import measure_charts
from scorecard.computing import month_range
from scorecard.data_revisions import series_revisions, window
from scorecard.formats import add_months, current_month, month_key, month_label
from scorecard.forms import ChooseReturnForm, MonthlyReturnForm
from scorecard.history import revised_behind, revisions, user_names, values_as_known, who_changed
from scorecard.kpi_forms import ReferenceMonthForm
from scorecard.models import Measure, MonthlyValue, Topic
from scorecard.returns import ReturnRow

RECENT_MONTHS = 13




@permission_required(Perm.READ_SCORECARD, raise_exception=True)
def measure_list(request: HttpRequest) -> HttpResponse:
    topics = Topic.objects.prefetch_related(
        Prefetch("measures", Measure.objects.prefetch_related("areas"))
    )
    context = {"topics": topics, "breadcrumbs": trail()}
    return render(request, "scorecard/measure_list.html", context)


@permission_required(Perm.READ_SCORECARD, raise_exception=True)
def measure_detail(request: HttpRequest, code: str) -> HttpResponse:
    measure = get_object_or_404(
        Measure.objects.select_related("topic").prefetch_related("areas", "thresholds"), code=code
    )
    form = ReferenceMonthForm(request.GET or None, month_range([measure]))
    month, known = form.chosen(), form.known_day()
    recent = recent_values(measure, month, known) if month else []
    context = {
        "measure": measure,
        "form": form,
        "month": month,
        "known": known,
        "revised": revised_behind(known, [measure], month) if month else [],
        "charts": measure_charts(measure, month, known) if month else [],
        "comparators": measure.comparators.all(),
        "recent": sorted(recent, key=lambda v: (-v.month.toordinal(), v.area.order)),
        "revisions": revisions(measure),
        "revised_series": series_revisions([measure], *span) if (span := window([measure]))
        else [],
        "breadcrumbs": trail(("Measures", reverse("scorecard:measure_list"))),
    }
    return render(request, "scorecard/measure_detail.html", context)


def recent_values(measure: Measure, month: date, known: date | None) -> list[MonthlyValue]:
    """The measure's values of the RECENT_MONTHS to `month` (as known on `known`)."""
    first = add_months(month, 1 - RECENT_MONTHS)
    if known is not None:
        return values_as_known(measure, first, month, known)
    return list(MonthlyValue.objects.filter(measure=measure, month__range=(first, month))
                .select_related("area"))


@permission_required(Perm.ENTER_DATA, raise_exception=True)
def return_choose(request: HttpRequest) -> HttpResponse:
    form = ChooseReturnForm(request.GET or None, this_month=current_month())
    if form.is_valid():
        topic, month = form.cleaned_data["topic"], form.cleaned_data["month"]
        return redirect("scorecard:return_form", topic=topic.pk, month=month)
    context = {"form": form, "breadcrumbs": trail()}
    return render(request, "scorecard/return_choose.html", context)


@permission_required(Perm.ENTER_DATA, raise_exception=True)
def return_form(request: HttpRequest, topic: int, month: date) -> HttpResponse:
    chosen = get_object_or_404(Topic, pk=topic)
    if month > current_month():
        messages.error(request, "You cannot enter a return for a month in the future.")
        return redirect("scorecard:return_choose")
    rows = returns.return_rows(chosen, month)
    version = returns.version(chosen, month)
    form = MonthlyReturnForm(request.POST or None, rows=rows, initial={"version": version})
    conflict = False
    if form.is_valid():
        try:
            written = returns.save_return(
                chosen, month, form.entries,
                seen_version=form.cleaned_data["version"], reason=form.cleaned_data["reason"],
            )
        except returns.Conflict as clash:
            conflict = True
            rows = returns.return_rows(chosen, month)
            form = _rebound(request.POST, rows, clash.version)
        except returns.ReasonRequired:
            form.add_error("reason", "Enter a reason: this changes values that are already stored")
        except Busy:
            form.add_error(None, "An upload is writing values just now, so nothing was saved. "
                           "Your entries are kept below: save again in a minute.")
        else:
            messages.success(request, f"Return saved: {written} values written.")
            return redirect(request.path)
    return render(request, "scorecard/return_form.html", _return_context(
        chosen, month, rows, form, conflict))


def _rebound(data: QueryDict, rows: list[ReturnRow], version: int) -> MonthlyReturnForm:
    """The user's entries kept, checked against the values saved meanwhile."""
    data = data.copy()
    data["version"] = str(version)
    form = MonthlyReturnForm(data, rows=rows)
    form.is_valid()
    return form


def _return_context(topic: Topic, month: date, rows: list[ReturnRow], form: MonthlyReturnForm,
                    conflict: bool) -> dict:
    last = returns.last_change(topic, month)
    context = last.pgh_context.metadata if last and last.pgh_context else None
    users = user_names([context.get("user")] if context else [])
    return {
        "topic": topic,
        "month": month,
        "month_label": month_label(month),
        "previous_label": month_label(add_months(month, -1)),
        "rows": [(row, form.row_fields(row), form.note_field(row)) for row in rows],
        "form": form,
        "conflict": conflict,
        "last_change": last,
        "last_changed_by": who_changed(context, users) if last else None,
        "last_reason": (context or {}).get("reason", ""),
        "breadcrumbs": trail(("Monthly returns", reverse("scorecard:return_choose"))),
        "month_key": month_key(month),
    }
