"""Reads the KPI pages share: measures with what their rows need, and the rows."""

from datetime import date

from django.db.models import QuerySet

from scorecard.figures import month_figures
from scorecard.kpi_rows import KpiRow, kpi_rows
from scorecard.models import Measure, Topic


def active_measures() -> QuerySet[Measure]:
    """Measures in seed order, with their areas and thresholds (three queries)."""
    return Measure.objects.filter(active=True).select_related(
        "topic__priority").prefetch_related("areas", "thresholds")


def topic_rows(topic: Topic, month: date) -> list[KpiRow]:
    return kpi_rows(active_measures().filter(topic=topic), month_figures(month), month)


def all_rows(month: date) -> list[KpiRow]:
    return kpi_rows(active_measures(), month_figures(month), month)
