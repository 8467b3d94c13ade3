"""The evidence a KLOE briefing assembles, as of its meeting's date: the KPI
tables of the objectives' topics, the deliverables behind or overdue, the
actions still open from earlier meetings on the same objectives, and the PEEL
findings on those objectives that HMICFRS has not closed.

Once the meeting day is over, the figures, deliverables' progress and
findings' statuses are those known at its end, rebuilt from their history:
the briefing shows what the meeting saw, and lists what has been revised
since. `known=None` asks for them as they stand now.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from elg.models import Action, Meeting
from oversight.core.known import as_known, past
from oversight.peel.models import Finding
from oversight.plan.deliverables import DeliverableStatus
from oversight.plan.models import Deliverable, Objective
from oversight.plan.queries import deliverables_with_status
from scorecard.freshness import month_seen_on
from scorecard.history import revised_behind
from scorecard.models import Topic
from scorecard.queries import active_measures, rows_at

Objectives = Iterable[Objective]

NEEDS_ATTENTION = (DeliverableStatus.OVERDUE, DeliverableStatus.BEHIND)


@dataclass
class TopicTable:
    topic: Topic
    rows: list


@dataclass
class Evidence:
    as_of: date
    month: date | None  # the KPI tables' reference month
    known: date | None  # the day the evidence is as known on (None: as it stands)
    tables: list[TopicTable] = field(default_factory=list)
    revised: list = field(default_factory=list)  # values revised since `known`
    deliverables: list = field(default_factory=list)
    actions: list = field(default_factory=list)
    findings: list = field(default_factory=list)


def kpi_tables(objectives: Objectives, as_of: date, known: date | None
               ) -> tuple[date | None, list[TopicTable], list]:
    """The reference month, the topics' KPI tables, and the values revised since `known`."""
    measures = active_measures().filter(topic__objective__in=objectives)
    month = month_seen_on(as_of, measures)
    if month is None:
        return None, [], []
    tables: dict[int, TopicTable] = {}
    for row in rows_at(month, measures, trend_lines=True, known=known):
        topic = row.measure.topic
        tables.setdefault(topic.pk, TopicTable(topic, [])).rows.append(row)
    revised = revised_behind(known, measures, month)
    return month, list(tables.values()), revised


def deliverables_needing_attention(objectives: Objectives, as_of: date,
                                   known: date | None) -> list:
    rows = deliverables_with_status(Deliverable.objects.filter(objective__in=objectives), as_of,
                                    known)
    return [row for row in rows if row.current_status in NEEDS_ATTENTION]


def actions_arising(meeting: Meeting) -> list[Action]:
    """Actions still open from earlier meetings on any of this meeting's objectives."""
    return list(Action.objects.still_open().filter(
        meeting__objectives__in=meeting.objectives.all(), meeting__date__lt=meeting.date,
    ).select_related("meeting").distinct().order_by("due_date", "pk"))


def open_findings(objectives: Objectives, known: date | None) -> list[Finding]:
    """The findings on `objectives` not closed (by `known`'s end, if given)."""
    found = Finding.objects.filter(objectives__in=objectives).in_report_order().distinct()
    if known is None:
        return list(found.exclude(status=Finding.Status.CLOSED))
    return [f for f in as_known(list(found), known) if f.status != Finding.Status.CLOSED]


def assemble(meeting: Meeting, as_it_stands: bool = False,
             known_on: date | None = None) -> Evidence:
    """The meeting's evidence, as known at the end of its day once that is over,
    or of another past day `known_on` (unless `as_it_stands`)."""
    objectives = list(meeting.objectives.all())
    known = None if as_it_stands else past(known_on) or past(meeting.date)
    month, tables, revised = kpi_tables(objectives, meeting.date, known)
    return Evidence(
        as_of=meeting.date,
        month=month,
        known=known,
        tables=tables,
        revised=revised,
        deliverables=deliverables_needing_attention(objectives, meeting.date, known),
        actions=actions_arising(meeting),
        findings=open_findings(objectives, known),
    )
