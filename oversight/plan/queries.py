"""Reads of the Plan that pages share."""

from collections import Counter
from collections.abc import Iterable
from datetime import date

from oversight.core.known import as_known
from oversight.plan.deliverables import DeliverableStatus
from oversight.plan.models import Deliverable, DeliverableQuerySet


def deliverables_with_status(deliverables: DeliverableQuerySet, as_of: date,
                             known: date | None = None) -> list[Deliverable]:
    """The deliverables with their objective, each given `current_status` as of a
    date; with their progress as known at the end of day `known`, if given."""
    rows = list(deliverables.with_objective())
    if known is not None:
        rows = as_known(rows, known)
    for deliverable in rows:
        deliverable.current_status = deliverable.status(as_of)
    return rows


def status_counts(rows: Iterable[Deliverable]) -> dict[DeliverableStatus, int]:
    counts = Counter(row.current_status for row in rows)
    return {status: counts.get(status, 0) for status in DeliverableStatus}
