"""KPI pages: the scorecard by priority and objective, a topic's KPI table and
its downloads, what needs attention, data freshness and the methodology."""

from datetime import date

from django.contrib.auth.decorators import permission_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django_tables2 import RequestConfig

from oversight.core.breadcrumbs import section, trail
from oversight.core.downloads import attachment
from oversight.core.roles import Perm
from oversight.plan.models import Objective, Priority
from scorecard import figure_store, figures, freshness, kpi_export
from scorecard.data_revisions import series_revisions, window, window_label
from scorecard.formats import current_month, month_key, month_label, parse_month
from scorecard.history import revised_behind
from scorecard.kpi_forms import AttentionFilterForm, ReferenceMonthForm
from scorecard.models import Measure, MethodSettings, Topic
from scorecard.queries import active_measures, topic_rows
from scorecard.ranking import RankedRows
from scorecard.summary import bullets
from scorecard.tables import AttentionTable, DataRevisionTable, FreshnessTable, KpiTable

SCORECARD = ("Scorecard", "scorecard:index")
DOWNLOADS = {
    "csv": ("text/csv; charset=utf-8", kpi_export.csv_bytes),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
             kpi_export.xlsx_bytes),
}


crumbs = section(*SCORECARD)


@permission_required(Perm.READ_SCORECARD, raise_exception=True)
def scorecard_index(request: HttpRequest) -> HttpResponse:
    topics = Topic.objects.filter(measures__active=True).distinct()
    priorities = Priority.objects.filter(plan__is_current=True).prefetch_related(
        Prefetch("objectives", Objective.objects.prefetch_related(
            Prefetch("topic_set", topics, to_attr="topics"))))
    context = {"priorities": priorities,
               "unplaced": topics.filter(objective__isnull=True),
               "breadcrumbs": crumbs()[:1]}
    return render(request, "scorecard/index.html", context)


def _topic_and_month(request: HttpRequest,
                     code: str) -> tuple[Topic, ReferenceMonthForm, date | None]:
    topic = get_object_or_404(Topic.objects.select_related("priority", "objective"), code=code)
    form = ReferenceMonthForm(request.GET or None,
                              figures.months_of(Measure.objects.filter(topic=topic)))
    return topic, form, form.chosen()


@permission_required(Perm.READ_SCORECARD, raise_exception=True)
def topic_table(request: HttpRequest, code: str) -> HttpResponse:
    topic, form, month = _topic_and_month(request, code)
    known = form.known_day()
    rows = topic_rows(topic, month, trend_lines=True, known=known) if month else []
    table = KpiTable(rows, month or current_month(), caption=topic.name)
    RequestConfig(request, paginate=False).configure(table)
    context = {"topic": topic, "form": form, "month": month, "table": table,
               "summary": bullets(rows, month) if month else [],
               "month_key": month_key(month) if month else "", "known": known,
               "known_query": f"&known={known.isoformat()}" if known else "",
               "revised": revised_behind(known, {row.measure for row in rows}, month)
               if month else [],
               "breadcrumbs": crumbs()}
    return render(request, "scorecard/topic.html", context)


@permission_required(Perm.READ_SCORECARD, raise_exception=True)
def topic_download(request: HttpRequest, code: str, kind: str) -> HttpResponse:
    topic, form, month = _topic_and_month(request, code)
    if month is None or kind not in DOWNLOADS:
        return HttpResponse("There are no figures to download.", status=404,
                            content_type="text/plain")
    known = form.known_day()
    header, body = kpi_export.table_cells(topic_rows(topic, month, known=known), month)
    content_type, write = DOWNLOADS[kind]
    response = HttpResponse(write(header, body, topic.name), content_type=content_type)
    name = f"kpi-{topic.code}-{month_key(month)}{f'-as-known-{known}' if known else ''}.{kind}"
    return attachment(response, name)


@permission_required(Perm.READ_SCORECARD, raise_exception=True)
def attention(request: HttpRequest) -> HttpResponse:
    form = AttentionFilterForm(request.GET or None, figures.months())
    month, known = form.chosen(), form.known_day()
    if month is None:
        return _attention(request, form, None, [])
    if known is None:
        return _attention(request, form, month, RankedRows(month, form.filters()))
    with figure_store.known_figures(month, known) as figures_then:
        return _attention(request, form, month, RankedRows(month, form.filters(), figures_then),
                          known, revised_behind(known, active_measures(), month))


def _attention(request: HttpRequest, form: AttentionFilterForm, month: date | None,
               rows: RankedRows | list, known: date | None = None,
               revised: list | None = None) -> HttpResponse:
    table = AttentionTable(rows, caption="Measures by exception weighting, highest first")
    RequestConfig(request, paginate={"per_page": 50}).configure(table)
    context = {"form": form, "month": month, "table": table, "count": len(rows),
               "known": known, "revised": revised or [], "breadcrumbs": crumbs()}
    return render(request, "scorecard/attention.html", context)


@permission_required(Perm.READ_SCORECARD, raise_exception=True)
def data_freshness(request: HttpRequest) -> HttpResponse:
    # ?month= asks which measures lacked that month (the dashboard's as-at month).
    chosen = parse_month(request.GET.get("month", ""))
    now = freshness.expected_month(current_month())
    expected = chosen if chosen and chosen <= now else now
    rows = freshness.latest_months(expected)
    table = FreshnessTable(rows, caption="The latest month held for each measure and area")
    RequestConfig(request, paginate=False).configure(table)
    context = {"table": table, "expected": month_label(expected), "chosen": expected != now,
               "missing": sum(1 for row in rows if row.missing), "breadcrumbs": crumbs()}
    return render(request, "scorecard/freshness.html", context)


@permission_required(Perm.READ_SCORECARD, raise_exception=True)
def data_revisions(request: HttpRequest) -> HttpResponse:
    measures = list(active_measures())
    span = window(measures)
    rows = series_revisions(measures, *span) if span else []
    table = DataRevisionTable(rows, caption="Values revised after they were first entered, "
                              "by measure and area, the most revised first")
    context = {"table": table, "span": window_label(*span) if span else "",
               "revised": sum(row.revised for row in rows),
               "values": sum(row.values for row in rows), "breadcrumbs": crumbs()}
    return render(request, "scorecard/data_revisions.html", context)


def methodology(request: HttpRequest) -> HttpResponse:
    fixed = Measure.objects.filter(baseline_start__isnull=False).order_by("code")
    context = {"method": MethodSettings.current(), "fixed_baselines": fixed,
               "breadcrumbs": trail()}
    return render(request, "scorecard/methodology.html", context)

