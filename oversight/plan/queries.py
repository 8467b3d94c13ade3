"""Reads of the Plan that pages share."""

from collections import Counter
from collections.abc import Iterable
from datetime import date

from oversight.plan.deliverables import DeliverableStatus
from oversight.plan.models import Deliverable, DeliverableQuerySet


def deliverables_with_status(deliverables: DeliverableQuerySet,
                             as_of: date) -> list[Deliverable]:
    """The deliverables with their objective, each given `current_status` as of a date."""
    rows = list(deliverables.with_objective())
    for deliverable in rows:
        deliverable.current_status = deliverable.status(as_of)
    return rows


def status_counts(rows: Iterable[Deliverable]) -> dict[DeliverableStatus, int]:
    counts = Counter(row.current_status for row in rows)
    return {status: counts.get(status, 0) for status in DeliverableStatus}
