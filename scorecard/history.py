"""The audit trail of a measure, as its page lists it: who, when, old → new, why."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd
from django.conf import settings
from django.db import connection
from pghistory.models import Events

from oversight.core.history import ACTIONS, event_model, jsonb, user_names, who_changed
from oversight.core.known import end_of
from scorecard.computing import MONTHS_NEEDED
from scorecard.formats import add_months, month_label
from scorecard.models import Area, Measure, MonthlyValue
from scorecard.presenters import exact_value
from scorecard.revision_stats import revision_figures
from scorecard.rules import NUMBER_COLUMNS

REVISIONS_SHOWN = 50
WHAT = {
    "scorecard.MeasureEvent": "Measure",
    "scorecard.ThresholdEvent": "Threshold",
    "scorecard.MeasureAreaEvent": "Area reported",
    "scorecard.MonthlyValueEvent": "Monthly value",
}
HIDDEN_FIELDS = {"id", "measure", "measure_id", "area", "area_id", "month", "topic"}


@dataclass
class Revision:
    when: datetime
    who: str
    action: str  # "Added", "Changed", "Removed"
    what: str
    changes: list  # (field, old, new) as display text
    reason: str




def revisions(measure: Measure, limit: int = REVISIONS_SHOWN) -> list[Revision]:
    """The latest changes to the measure, its thresholds, areas and values."""
    events = list(Events.objects.references(measure).order_by("-pgh_created_at", "-pgh_id")[:limit])
    areas = dict(Area.objects.values_list("id", "name"))
    users = user_names({(e.pgh_context or {}).get("user") for e in events})
    return [_revision(measure, event, areas, users) for event in events]


def _revision(measure: Measure, event: Events, areas: dict,
              users: dict) -> Revision:
    data = event.pgh_data or {}
    what = WHAT.get(event.pgh_model, event.pgh_model)
    if "month" in data:
        month = date.fromisoformat(data["month"])
        what = f"{what}: {areas.get(data.get('area_id'), '')}, {month_label(month)}"
    elif "area_id" in data:
        what = f"{what}: {areas.get(data['area_id'], '')}"
    elif "label" in data:
        what = f"{what}: {data['label']}"
    diff = event.pgh_diff or {}
    unit = measure.unit
    changes = [
        (name, exact_value(unit, name, old), exact_value(unit, name, new))
        for name, (old, new) in diff.items()
        if name not in HIDDEN_FIELDS
    ]
    if event.pgh_label == "insert":
        changes = [
            (name, "", exact_value(unit, name, value))
            for name, value in data.items()
            if name not in HIDDEN_FIELDS and value not in (None, "")
        ]
    context = event.pgh_context or {}
    return Revision(
        when=event.pgh_created_at,
        who=who_changed(context, users),
        action=ACTIONS.get(event.pgh_label, event.pgh_label),
        what=what,
        changes=changes,
        reason=context.get("reason", ""),
    )


def values_as_known(measure: Measure, first: date, last: date, known: date) -> list[MonthlyValue]:
    """`measure`'s values for months first..last as they stood at the end of
    day `known` (each one's latest history entry by then, unless that removed
    it): one query; their areas from the measure's (prefetched)."""
    events = (event_model(MonthlyValue).objects  # type: ignore[attr-defined]
              .filter(measure=measure, month__range=(first, last),
                      pgh_created_at__lt=end_of(known))
              .order_by("area_id", "month", "-pgh_id").distinct("area_id", "month"))
    areas = {area.pk: area for area in measure.areas.all()}
    fields = [f.attname for f in MonthlyValue._meta.concrete_fields]
    values = []
    for event in events:
        if event.pgh_label != "delete" and event.area_id in areas:
            value = MonthlyValue(**{name: getattr(event, name) for name in fields})
            value.area = areas[event.area_id]
            values.append(value)
    return values


@dataclass
class RevisedValue:
    """A value changed after the day a page is as known on: old → new."""

    measure: Measure
    area: str
    month: date
    changes: list  # (field, old, new) as display text
    when: datetime
    who: str
    reason: str


REVISED_FIELDS = NUMBER_COLUMNS
_REVISED_SINCE = """
SELECT e.measure_id, e.area_id, e.month, e.pgh_created_at, c.metadata,
       {new}, {old}
FROM "{events}" e
LEFT JOIN "pghistory_context" c ON c.id = e.pgh_context_id
LEFT JOIN LATERAL (
    SELECT * FROM "{events}" p
    WHERE p.measure_id = e.measure_id AND p.area_id = e.area_id AND p.month = e.month
      AND p.pgh_id < e.pgh_id
    ORDER BY p.pgh_id DESC LIMIT 1) p ON p.pgh_label <> 'delete'
WHERE e.pgh_created_at >= %s AND e.measure_id = ANY(%s) AND e.month BETWEEN %s AND %s
ORDER BY e.pgh_created_at DESC, e.pgh_id DESC
LIMIT %s
"""


def revised_since(known: date, measures: Iterable[Measure], first: date, last: date,
                  limit: int = REVISIONS_SHOWN) -> list[RevisedValue]:
    """The latest changes, made after the end of day `known`, to `measures`'
    values for months first..last: what a page as known on that day does not
    show (one query, bounded by `limit`)."""
    by_id = {m.pk: m for m in measures}
    sql = _REVISED_SINCE.format(
        events=event_model(MonthlyValue)._meta.db_table,
        new=", ".join(f"CASE WHEN e.pgh_label <> 'delete' THEN e.{f} END" for f in REVISED_FIELDS),
        old=", ".join(f"p.{f}" for f in REVISED_FIELDS))
    with connection.cursor() as cursor:
        cursor.execute(sql, [end_of(known), list(by_id), first, last, limit])  # noqa: S608
        found = [(*row[:4], jsonb(row[4]), *row[5:])
                 for row in cursor.fetchall()]
    areas = dict(Area.objects.filter(pk__in={row[1] for row in found}).values_list("id", "name"))
    users = user_names({row[4].get("user") for row in found})
    return [_revised(by_id[row[0]], areas[row[1]], row, users) for row in found]


def revised_behind(known: date | None, measures: Iterable[Measure],
                   month: date) -> list[RevisedValue]:
    """The values behind `measures`' figures at `month` (its 36 months and two
    years' windows) revised after day `known`; none if not as known."""
    if known is None:
        return []
    return revised_since(known, measures, add_months(month, 1 - MONTHS_NEEDED), month)


def _revised(measure: Measure, area: str, row: tuple, users: dict) -> RevisedValue:
    _, _, month, when, context, *numbers = row
    new, old = numbers[:len(REVISED_FIELDS)], numbers[len(REVISED_FIELDS):]
    changes = [(name, exact_value(measure.unit, name, before),
                exact_value(measure.unit, name, after))
               for name, before, after in zip(REVISED_FIELDS, old, new, strict=True)
               if before != after]
    return RevisedValue(measure, area, month, changes, when, who_changed(context, users),
                        context.get("reason", ""))


_VALUE_ENTRIES = """
SELECT measure_id, area_id, count(*) AS entries,
       (array_agg({figure} ORDER BY pgh_id))[1] AS first,
       (array_agg({figure} ORDER BY pgh_id DESC) FILTER (WHERE pgh_label <> 'delete'))[1],
       (array_agg(pgh_label ORDER BY pgh_id DESC))[1] = 'delete' AS removed,
       (max(pgh_created_at) AT TIME ZONE %s)::date
           - (month + interval '1 month' - interval '1 day')::date AS days
FROM "{events}"
WHERE measure_id = ANY(%s) AND month BETWEEN %s AND %s
GROUP BY measure_id, area_id, month
"""
# A value's figure: its value, or its ratio where it is one.
_FIGURE = "coalesce(value, numerator / nullif(denominator, 0))::float8"


def value_revisions(measures: Iterable[Measure], first: date, last: date) -> pd.DataFrame:
    """How `measures`' values for months first..last were revised after first
    entered, each series a row (revision_stats.revision_figures): one query, a
    row a value read back."""
    ids = [m.pk for m in measures]
    sql = _VALUE_ENTRIES.format(events=event_model(MonthlyValue)._meta.db_table, figure=_FIGURE)
    with connection.cursor() as cursor:
        cursor.execute(sql, [settings.TIME_ZONE, ids, first, last])  # noqa: S608
        rows = pd.DataFrame(cursor.fetchall(), columns=[
            "measure", "area", "entries", "first", "last", "removed", "days"])
    held = rows.groupby(["measure", "area"]).size().rename("values").reset_index()
    revised = rows[rows["entries"] > 1].astype(
        {"first": float, "last": float, "days": float, "removed": bool})
    return revision_figures(held, revised)
