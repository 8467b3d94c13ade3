"""The overall performance dashboard page."""

from datetime import date

from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from oversight.core.breadcrumbs import trail
from oversight.core.known import parse_day
from oversight.core.roles import Perm
from oversight.peel.models import Finding
from oversight.portal import dashboard
from oversight.transparency.duties import needing_attention
from scorecard import figures
from scorecard.formats import month_end, month_key
from scorecard.freshness import month_seen_on
from scorecard.kpi_forms import ReferenceMonthForm
from scorecard.tables import TopMeasuresTable


def as_at(request: HttpRequest, form: ReferenceMonthForm) -> tuple[date | None, date]:
    """(KPI month, the day the rest is judged on). A meeting's link names its
    day (`on`): the month is then the newest it could have seen. A chosen month
    is judged at its end; the default is the latest month, judged today."""
    today = timezone.localdate()
    on = parse_day(request.GET.get("on"))
    if on is not None:
        return month_seen_on(on), on
    month = form.chosen()
    if month is not None and form.value("month"):
        return month, min(month_end(month), today)
    return month, today


@permission_required(Perm.READ_SCORECARD, raise_exception=True)
def overall(request: HttpRequest) -> HttpResponse:
    form = ReferenceMonthForm(request.GET or None, figures.months())
    month, as_of = as_at(request, form)
    user = request.user
    board = dashboard.build(month, as_of, form.known_day(), plan=user.has_perm(Perm.READ_PLAN),
                            peel=user.has_perm(Perm.READ_PEEL),
                            elg=user.has_perm(Perm.READ_ELG))
    tables = [TopMeasuresTable(line.top, month, caption=f"Measures most in need of attention: "
                                                        f"{dashboard.line_label(line)}")
              for line in board.lines]
    context = {"board": board, "form": form, "month": month, "as_of": as_of,
               "known": board.known, "revised": board.revised,
               "month_key": month_key(month) if month else "",
               "lines": list(zip(board.lines, tables, strict=True)),
               "chart": dashboard.chart(board.lines),
               "chart_summary": dashboard.chart_summary(board),
               "peel_statuses": Finding.Status,
               "duties": needing_attention(as_of) if user.has_perm(Perm.WRITE_DRAFTS) else None,
               "breadcrumbs": trail()}
    return render(request, "oversight/dashboard.html", context)
