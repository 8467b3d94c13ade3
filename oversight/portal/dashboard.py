"""The overall performance dashboard: how the force stands against the Plan as
at one date, and what needs attention. Every count here is the length of a
list another page shows (the attention page, the PEEL register, deliverables,
the actions log, data freshness), computed by the same functions, so a count
and the list it links to cannot disagree.

The KPI figures are the stored ones (figures.month_figures); the page issues
the same number of queries whatever the number of measures.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

import plotly.graph_objects as go

from elg.models import Action
from oversight.peel import evidence
from oversight.peel.models import Finding
from oversight.plan.models import Deliverable, Plan, Priority
from oversight.plan.queries import deliverables_with_status, status_counts
from scorecard import freshness
from scorecard.figures import month_figures
from scorecard.kpi_rows import KpiRow, kpi_rows
from scorecard.queries import active_measures

TOP_MEASURES = 5


@dataclass
class PriorityLine:
    """One priority's KPI rows at the dashboard's month."""

    priority: Priority | None  # None: measures whose topic is in no priority of the Plan
    rows: list[KpiRow]

    @property
    def measures(self) -> int:
        return len(self.rows)

    def count(self, movement: str) -> int:
        return sum(1 for row in self.rows if row.movement == movement)

    @property
    def concerns(self) -> int:
        return self.count("concern")

    @property
    def improvements(self) -> int:
        return self.count("improvement")

    @property
    def top(self) -> list[KpiRow]:
        """The rows most in need of attention: highest exception weighting first."""
        weighted = [row for row in self.rows if row.weighting > 0]
        return sorted(weighted, key=lambda row: (-row.weighting, row.position))[:TOP_MEASURES]


def priority_lines(priorities: Iterable[Priority], rows: list[KpiRow]) -> list[PriorityLine]:
    """Each priority's rows, in the Plan's order; rows of no current priority last."""
    by_priority: dict[int | None, PriorityLine] = {
        priority.pk: PriorityLine(priority, []) for priority in priorities}
    elsewhere = PriorityLine(None, [])
    for row in rows:
        by_priority.get(row.measure.topic.priority_id, elsewhere).rows.append(row)
    return list(by_priority.values()) + ([elsewhere] if elsewhere.rows else [])


@dataclass
class PeelSummary:
    counts: list  # findings.CountRow per kind
    total: int
    overdue: int
    sustained: int
    month: date | None  # the month sustained improvement is judged at


def peel_summary(as_of: date) -> PeelSummary:
    found = list(Finding.objects.for_register())
    month = evidence.attach_evidence(found, as_of=as_of)
    return PeelSummary(evidence.counts_by_kind_and_status(found), len(found),
                       sum(f.is_overdue(as_of) for f in found),
                       sum(f.evidence.sustained for f in found), month)


@dataclass
class Dashboard:
    month: date | None  # the KPI figures' reference month
    as_of: date  # deliverables, findings and actions are judged on this day
    lines: list[PriorityLine] = field(default_factory=list)
    peel: PeelSummary | None = None
    deliverables: dict = field(default_factory=dict)
    overdue_actions: list = field(default_factory=list)
    fresh_month: date | None = None  # measures should hold this month
    missing_data: int = 0

    @property
    def concerns(self) -> int:
        return sum(line.concerns for line in self.lines)

    @property
    def improvements(self) -> int:
        return sum(line.improvements for line in self.lines)


def build(month: date | None, as_of: date, *, plan: bool = True, peel: bool = True,
          elg: bool = True) -> Dashboard:
    """The dashboard at KPI month `month`, the rest judged on `as_of`; the parts
    the reader may not open are left out (plan, peel, elg)."""
    board = Dashboard(month, as_of)
    current = Plan.objects.filter(is_current=True).first()
    measures = list(active_measures())  # read once, for the KPI rows and freshness
    if month is not None:
        priorities = current.priorities.all() if current else []
        board.lines = priority_lines(priorities,
                                     kpi_rows(measures, month_figures(month), month))
    # Data are late if they lack the month expected by `as_of` (or the chosen month).
    expected = freshness.expected_month(as_of.replace(day=1))
    board.fresh_month = max(month, expected) if month else expected
    board.missing_data = sum(
        row.missing for row in freshness.latest_months(board.fresh_month, measures))
    if plan and current:
        board.deliverables = status_counts(deliverables_with_status(
            Deliverable.objects.in_plan(current), as_of))
    if peel:
        board.peel = peel_summary(as_of)
    if elg:
        board.overdue_actions = list(Action.objects.overdue(as_of).select_related("meeting"))
    return board


def line_label(line: PriorityLine) -> str:
    if line.priority is None:
        return "No priority of the Plan"
    return f"{line.priority.number}. {line.priority.title}"


def chart(lines: list[PriorityLine]) -> dict | None:
    """Concerns and improvements by priority (plotly JSON), from the lines' own
    counts; bars are patterned as well as coloured, and named in the legend."""
    if not any(line.rows for line in lines):
        return None
    names = [f"Priority {line.priority.number}" if line.priority else "No priority"
             for line in lines]
    fig = go.Figure()
    for movement, colour, pattern in (("concern", "#d4351c", "/"),
                                      ("improvement", "#00703c", "")):
        fig.add_trace(go.Bar(
            x=names, y=[line.count(movement) for line in lines],
            name=f"{movement.capitalize()}s", marker={"color": colour, "pattern": {
                "shape": pattern, "fgcolor": "#ffffff"}},
            customdata=[line_label(line) for line in lines],
            hovertemplate=f"%{{customdata}}: %{{y}} {movement}s<extra></extra>"))
    fig.update_layout(barmode="group", height=340, template="simple_white",
                      margin={"l": 50, "r": 20, "t": 20, "b": 60},
                      yaxis={"title": "Measures", "rangemode": "tozero", "dtick": 1},
                      legend={"orientation": "v", "x": 1.02, "y": 1})
    return fig.to_plotly_json()


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
