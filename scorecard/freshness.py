"""Data freshness: the latest month held for each measure and area, and which
of them lack last month's data."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db import connection
from django.db.models import Max

from scorecard.formats import add_months
from scorecard.importing.store import bulk_load_under_way
from scorecard.kpi_rows import row_label
from scorecard.models import Area, Measure, MeasureArea, MonthlyValue
from scorecard.queries import active_measures


def expected_month(this_month: date) -> date:
    """Force data for a month arrive in the next: last month's are the newest expected."""
    return add_months(this_month, -1)


def newest_month(measures: Iterable[Measure | int] | None = None,
                 up_to: date | None = None) -> date | None:
    """The newest month with data (for `measures`, or any), no later than
    `up_to` if given (one query)."""
    values = MonthlyValue.objects.all()
    if measures is not None:
        values = values.filter(measure__in=measures)
    if up_to is not None:
        values = values.filter(month__lte=up_to)
    return values.aggregate(latest=Max("month"))["latest"]


def month_seen_on(day: date,
                  measures: Iterable[Measure | int] | None = None) -> date | None:
    """The newest month with data (for `measures`, or any) that a meeting on
    `day` could have seen: at most the month before (one query)."""
    return newest_month(measures, expected_month(day.replace(day=1)))


@dataclass
class FreshRow:
    measure: Measure
    area: Area
    label: str
    latest: date | None
    missing: bool
    position: int

    @property
    def url(self) -> str:
        return self.measure.get_absolute_url()


def latest_months(expected: date,
                  measures: Iterable[Measure] | None = None) -> list[FreshRow]:
    """Every active measure × area with the newest month held up to `expected`,
    those missing `expected` first (four queries; one if given the active
    measures, with areas prefetched)."""
    held = MonthlyValue.objects.filter(month__lte=expected)
    latest = {(m, a): month for m, a, month in held.values(
        "measure", "area").annotate(latest=Max("month")).values_list(
        "measure", "area", "latest")}
    rows: list[FreshRow] = []
    for measure in active_measures() if measures is None else measures:
        for area in sorted(measure.areas.all(), key=lambda a: (a.order, a.name)):
            month = latest.get((measure.pk, area.pk))
            rows.append(FreshRow(measure, area, row_label(measure, area), month,
                                 month is None or month < expected, len(rows)))
    return sorted(rows, key=lambda row: (not row.missing, row.position))


def missing_count(expected: date) -> int | None:
    """How many active measure × areas lack `expected`: the rows latest_months
    marks missing, counted in SQL; None during a bulk load. One query: an index
    probe a series (LATERAL with LIMIT keeps Postgres from reading the whole
    values table instead)."""
    if bulk_load_under_way():
        return None
    with connection.cursor() as cursor:
        cursor.execute(f"""
            SELECT count(*) FROM "{MeasureArea._meta.db_table}" ma
            JOIN "{Measure._meta.db_table}" m ON m.id = ma.measure_id AND m.active
            LEFT JOIN LATERAL (
                SELECT true AS held FROM "{MonthlyValue._meta.db_table}" v
                WHERE v.measure_id = ma.measure_id AND v.area_id = ma.area_id
                  AND v.month = %s LIMIT 1) value ON true
            WHERE value.held IS NULL""", [expected])  # noqa: S608
        missing: int = cursor.fetchone()[0]
        return missing
