"""The monthly return: one topic's values for one month, read and saved whole."""

from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd
import pghistory
from django.db import transaction
from django.db.models import Max, QuerySet

from oversight.core.history import event_model
from scorecard.formats import add_months
from scorecard.importing import store
from scorecard.models import Area, Measure, MeasureArea, MonthlyValue, Topic
from scorecard.rules import NUMBER_COLUMNS, with_ratio_values

MonthlyValueEvent = event_model(MonthlyValue)


@dataclass
class ReturnRow:
    """One measure in one area: what is stored this month and the month before."""

    link: MeasureArea
    stored: MonthlyValue | None
    previous: MonthlyValue | None

    @property
    def measure(self) -> Measure:
        return self.link.measure

    @property
    def area(self) -> Area:
        return self.link.area

    @property
    def key(self) -> str:
        return f"m{self.link.measure_id}a{self.link.area_id}"


class Conflict(Exception):
    """Someone else saved this return after the form was opened."""

    def __init__(self, version: int) -> None:
        self.version = version


class ReasonRequired(Exception):
    """Stored values would change and no reason was given."""


def return_rows(topic: Topic, month: date) -> list[ReturnRow]:
    links = (
        MeasureArea.objects.filter(measure__topic=topic, measure__active=True)
        .select_related("measure", "area")
        .order_by("measure__order", "measure__name", "area__order", "area__name")
    )
    previous_month = add_months(month, -1)
    values = {
        (v.measure_id, v.area_id, v.month): v
        for v in MonthlyValue.objects.filter(
            measure__topic=topic, month__in=[month, previous_month]
        )
    }
    return [
        ReturnRow(
            link,
            values.get((link.measure_id, link.area_id, month)),
            values.get((link.measure_id, link.area_id, previous_month)),
        )
        for link in links
    ]


def _changes(topic: Topic, month: date) -> QuerySet:
    return MonthlyValueEvent._default_manager.filter(measure__topic=topic, month=month)


def version(topic: Topic, month: date) -> int:
    """Grows whenever any value of the return changes, by any route."""
    return _changes(topic, month).aggregate(latest=Max("pgh_id"))["latest"] or 0


def last_change(topic: Topic, month: date) -> Any:
    """The latest change to the return, with its context (who, why), or None."""
    return _changes(topic, month).select_related("pgh_context").order_by("-pgh_id").first()


def save_return(
    topic: Topic, month: date, entries: dict, *, seen_version: int, reason: str
) -> int:
    """Write the entered values in one transaction; returns how many were written.

    `entries` maps (measure_id, area_id) to the row's numbers and note.
    Raises Conflict if the return changed since `seen_version`,
    ReasonRequired if a stored value would change without a reason, and
    Busy if a bulk load is writing values.
    """
    frame = pd.DataFrame(
        [{"measure_id": m, "area_id": a, **entry} for (m, a), entry in entries.items()]
    )
    if frame.empty:
        return 0
    for column in NUMBER_COLUMNS:
        frame[column] = pd.to_numeric(frame.get(column), errors="coerce")
    frame["month"] = month
    frame["row"] = range(1, len(frame) + 1)
    with transaction.atomic():
        # Every writer of values queues here first, so the version read next
        # is the one this save writes over (an import committing meanwhile
        # is seen, not overwritten).
        store.lock()
        current = version(topic, month)
        if current != seen_version:
            raise Conflict(current)
        store.stage([with_ratio_values(frame)])
        if store.compare().changed and not reason.strip():
            raise ReasonRequired
        with pghistory.context(reason=reason.strip(), source="Monthly return"):
            return store.upsert()
