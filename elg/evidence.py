"""The evidence a KLOE briefing assembles, as of its meeting's date: the KPI
tables of the objectives' topics, the deliverables behind or overdue, the
actions still open from earlier meetings on the same objectives, and the PEEL
findings on those objectives that HMICFRS has not closed (their status as it
stands now: the register keeps no history of statuses, only dated updates).

Values entered after the meeting for months before it are shown as they stand
now: the scorecard keeps one current value a month (its history is the audit).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from elg.models import Action, Meeting
from oversight.peel.models import Finding
from oversight.plan.deliverables import DeliverableStatus
from oversight.plan.models import Deliverable, Objective
from oversight.plan.queries import deliverables_with_status
from scorecard.freshness import month_seen_on
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
    tables: list[TopicTable] = field(default_factory=list)
    deliverables: list = field(default_factory=list)
    actions: list = field(default_factory=list)
    findings: list = field(default_factory=list)


def kpi_tables(objectives: Objectives, as_of: date) -> tuple[date | None, list[TopicTable]]:
    measures = active_measures().filter(topic__objective__in=objectives)
    month = month_seen_on(as_of, measures)
    if month is None:
        return None, []
    tables: dict[int, TopicTable] = {}
    for row in rows_at(month, measures, trend_lines=True):
        topic = row.measure.topic
        tables.setdefault(topic.pk, TopicTable(topic, [])).rows.append(row)
    return month, list(tables.values())


def deliverables_needing_attention(objectives: Objectives, as_of: date) -> list:
    rows = deliverables_with_status(Deliverable.objects.filter(objective__in=objectives), as_of)
    return [row for row in rows if row.current_status in NEEDS_ATTENTION]


def actions_arising(meeting: Meeting) -> list[Action]:
    """Actions still open from earlier meetings on any of this meeting's objectives."""
    return list(Action.objects.still_open().filter(
        meeting__objectives__in=meeting.objectives.all(), meeting__date__lt=meeting.date,
    ).select_related("meeting").distinct().order_by("due_date", "pk"))


def open_findings(objectives: Objectives) -> list[Finding]:
    return list(Finding.objects.filter(objectives__in=objectives).exclude(
        status=Finding.Status.CLOSED).in_report_order().distinct())


def assemble(meeting: Meeting) -> Evidence:
    objectives = list(meeting.objectives.all())
    month, tables = kpi_tables(objectives, meeting.date)
    return Evidence(
        as_of=meeting.date,
        month=month,
        tables=tables,
        deliverables=deliverables_needing_attention(objectives, meeting.date),
        actions=actions_arising(meeting),
        findings=open_findings(objectives),
    )
