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


_VALUES = MonthlyValue._meta.db_table
# Every active measure × area, and the one rule of the list and of its count:
# a series lacks the expected month if it holds no value for it. In the select
# list (not a WHERE), so Postgres probes the index once a series rather than
# read every value.
_SERIES = f"""FROM "{MeasureArea._meta.db_table}" ma
    JOIN "{Measure._meta.db_table}" m ON m.id = ma.measure_id AND m.active"""
_MISSING = f"""NOT EXISTS (SELECT 1 FROM "{_VALUES}" v WHERE v.measure_id = ma.measure_id
    AND v.area_id = ma.area_id AND v.month = %(expected)s)"""  # noqa: S608
_LATEST = f"""SELECT ma.measure_id, ma.area_id,
    (SELECT max(v.month) FROM "{_VALUES}" v WHERE v.measure_id = ma.measure_id
       AND v.area_id = ma.area_id AND v.month <= %(expected)s), {_MISSING} {_SERIES}"""  # noqa: S608


def latest_months(expected: date) -> list[FreshRow]:
    """Every active measure × area with the newest month held up to `expected`,
    those missing `expected` first (four queries)."""
    with connection.cursor() as cursor:
        cursor.execute(_LATEST, {"expected": expected})
        latest = {(m, a): (month, missing) for m, a, month, missing in cursor.fetchall()}
    rows: list[FreshRow] = []
    for measure in active_measures():
        for area in sorted(measure.areas.all(), key=lambda a: (a.order, a.name)):
            month, missing = latest.get((measure.pk, area.pk), (None, True))  # added since
            rows.append(FreshRow(measure, area, row_label(measure, area), month, missing,
                                 len(rows)))
    return sorted(rows, key=lambda row: (not row.missing, row.position))


def missing_count(expected: date) -> int | None:
    """How many rows latest_months marks missing, counted in SQL (one query);
    None during a bulk load."""
    if bulk_load_under_way():
        return None
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FILTER (WHERE {_MISSING}) {_SERIES}",  # noqa: S608
                       {"expected": expected})
        missing: int = cursor.fetchone()[0]
        return missing
