"""The overall performance dashboard: how the force stands against the Plan as
at one date, and what needs attention. Every count here is the length of a
list another page shows (the attention page, the PEEL register, deliverables,
the actions log, data freshness), computed by the same functions, so a count
and the list it links to cannot disagree.

The KPI counts and rankings are read from the stored figures in SQL
(scorecard/ranking.py), so the page issues the same queries, and reads the
same few rows, whatever the number of measures.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

import plotly.graph_objects as go

from elg.models import Action
from oversight.core.charts import figure_json, new_figure
from oversight.core.known import as_known
from oversight.peel import evidence
from oversight.peel.models import Finding
from oversight.plan.models import Deliverable, Plan, Priority
from oversight.plan.queries import deliverables_with_status, status_counts
from scorecard import figure_store, freshness, ranking
from scorecard.figures import add_trend_lines
from scorecard.history import revised_behind
from scorecard.kpi_rows import KpiRow
from scorecard.queries import active_measures, series_rows

TOP_MEASURES = 5


@dataclass
class PriorityLine:
    """One priority's KPI rows at the dashboard's month: how many, how many are
    concerns and improvements, and those most in need of attention."""

    priority: Priority | None  # None: measures whose topic is in no priority of the Plan
    measures: int = 0
    concerns: int = 0
    improvements: int = 0
    top: list[KpiRow] = field(default_factory=list)  # highest exception weighting first

    def count(self, movement: str) -> int:
        return {"concern": self.concerns, "improvement": self.improvements}[movement]


def priority_lines(priorities: Iterable[Priority], month: date,
                   known: date | None = None) -> list[PriorityLine]:
    """Each priority's line, in the Plan's order; rows of no current priority last
    (a query for the counts, and the top rows' reads, whatever their number).
    From the figures as known at the end of day `known`, if given."""
    if known is None:
        return _priority_lines(priorities, month, figure_store.TABLE, None)
    with figure_store.known_figures(month, known) as table:
        return _priority_lines(priorities, month, table, known)


def _priority_lines(priorities: Iterable[Priority], month: date, table: str,
                    known: date | None) -> list[PriorityLine]:
    lines = [PriorityLine(priority) for priority in priorities]
    by_priority = {line.priority.pk: line for line in lines if line.priority}
    counted = ranking.by_priority(month, list(by_priority), TOP_MEASURES, table)
    tops = iter(series_rows(month, [series for c in counted for series in c.top], table=table))
    for counts in counted:
        line = by_priority.get(counts.priority) if counts.priority else None
        if line is None:
            line = PriorityLine(None)
            lines.append(line)
        line.measures, line.concerns = counts.measures, counts.concerns
        line.improvements, line.top = counts.improvements, [next(tops) for _ in counts.top]
    add_trend_lines([row for line in lines for row in line.top], month, known)
    return lines


@dataclass
class PeelSummary:
    counts: list  # findings.CountRow per kind
    total: int
    overdue: int
    sustained: int
    month: date | None  # the month sustained improvement is judged at


def peel_summary(as_of: date, known: date | None = None) -> PeelSummary:
    found = list(Finding.objects.for_register())
    if known is not None:  # each finding's status and dates as they stood then
        found = as_known(found, known)
    month = evidence.attach_evidence(found, as_of=as_of)
    return PeelSummary(evidence.counts_by_kind_and_status(found), len(found),
                       sum(f.is_overdue(as_of) for f in found),
                       sum(f.evidence.sustained for f in found), month)


@dataclass
class Dashboard:
    month: date | None  # the KPI figures' reference month
    as_of: date  # deliverables, findings and actions are judged on this day
    known: date | None = None  # all as known at the end of this day (None: as they stand)
    revised: list = field(default_factory=list)  # values revised since `known`
    lines: list[PriorityLine] = field(default_factory=list)
    peel: PeelSummary | None = None
    deliverables: dict = field(default_factory=dict)
    overdue_actions: list = field(default_factory=list)
    fresh_month: date | None = None  # measures should hold this month
    missing_data: int | None = 0  # None: not counted during a bulk load

    @property
    def concerns(self) -> int:
        return sum(line.concerns for line in self.lines)

    @property
    def improvements(self) -> int:
        return sum(line.improvements for line in self.lines)


def build(month: date | None, as_of: date, known: date | None = None, *, plan: bool = True,
          peel: bool = True, elg: bool = True) -> Dashboard:
    """The dashboard at KPI month `month`, the rest judged on `as_of`, all as
    known at the end of day `known` if given; the parts the reader may not
    open are left out (plan, peel, elg)."""
    board = Dashboard(month, as_of, known)
    current = Plan.objects.filter(is_current=True).first()
    if month is not None:
        board.lines = priority_lines(current.priorities.all() if current else [], month, known)
        board.revised = revised_behind(known, active_measures(), month)
    # Data are late if they lack the month expected by `as_of` (or the chosen month).
    expected = freshness.expected_month(as_of.replace(day=1))
    board.fresh_month = max(month, expected) if month else expected
    board.missing_data = freshness.missing_count(board.fresh_month)
    if plan and current:
        board.deliverables = status_counts(deliverables_with_status(
            Deliverable.objects.in_plan(current), as_of, known))
    if peel:
        board.peel = peel_summary(as_of, known)
    if elg:
        board.overdue_actions = Action.objects.select_related("meeting").overdue_as_known(
            as_of, known)
    return board


def line_label(line: PriorityLine) -> str:
    if line.priority is None:
        return "No priority of the Plan"
    return f"{line.priority.number}. {line.priority.title}"


def chart(lines: list[PriorityLine]) -> dict | None:
    """Concerns and improvements by priority (plotly JSON), from the lines' own
    counts; bars are patterned as well as coloured, and named in the legend."""
    if not any(line.measures for line in lines):
        return None
    names = [f"Priority {line.priority.number}" if line.priority else "No priority"
             for line in lines]
    fig = new_figure()
    for movement, colour, pattern in (("concern", "#d4351c", "/"),
                                      ("improvement", "#00703c", "")):
        fig.add_trace(go.Bar(
            x=names, y=[line.count(movement) for line in lines],
            name=f"{movement.capitalize()}s", marker={"color": colour, "pattern": {
                "shape": pattern, "fgcolor": "#ffffff"}},
            customdata=[line_label(line) for line in lines],
            hovertemplate=f"%{{customdata}}: %{{y}} {movement}s<extra></extra>"))
    fig.update_layout(barmode="group", height=340,
                      margin={"l": 50, "r": 20, "t": 20, "b": 60},
                      yaxis={"title": "Measures", "rangemode": "tozero", "dtick": 1},
                      legend={"orientation": "v", "x": 1.02, "y": 1})
    return figure_json(fig)


def chart_summary(board: Dashboard) -> str:
    """The chart in words."""
    if not board.lines:
        return "There are no KPI figures to chart."
    parts = [f"{line_label(line)}: {counted(line.concerns, 'concern')}, "
             f"{counted(line.improvements, 'improvement')}" for line in board.lines]
    return (f"In all, {counted(board.concerns, 'concern')} and "
            f"{counted(board.improvements, 'improvement')}. " + "; ".join(parts) + ".")


def counted(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"
