"""The statutory-duty engine: each duty (data: oversight.transparency.models.Duty)
is met once per occasion (an HMICFRS report published, a financial year
ended, a decision made, or, for information kept up to date, its last
publication); each occasion's last day comes from the one pure function
core.periods.last_day; what was published for it, and when, is its evidence.
Publications and published reports only count as evidence: a draft meets
nothing."""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from django.utils import timezone

from oversight.core.periods import Counting, Unit, last_day
from oversight.core.publications import Publication
from oversight.peel.models import Inspection
from oversight.transparency.models import Decision, Duty, StartEvent
from panel_reports.models import Report

DUE_SOON_DAYS = 28  # "due soon": within four weeks
HIGHLIGHT_REPORTS = "highlight-reports"


class State(StrEnum):
    MET = "Published on time"
    LATE = "Published late"
    OVERDUE = "Overdue"
    DUE_SOON = "Due soon"
    NOT_YET_DUE = "Not yet due"


@dataclass(frozen=True)
class Evidence:
    title: str
    published_on: date
    kind: str
    key: str


@dataclass(frozen=True)
class Occasion:
    duty: Duty
    started: date
    about: str  # what the occasion is (staff pages only: it may name a draft)
    due: date
    evidence: Evidence | None
    last: Evidence | None = None  # information kept up to date: its last publication

    def state(self, today: date) -> State:
        if self.evidence is not None:
            return State.MET if self.evidence.published_on <= self.due else State.LATE
        if today > self.due:
            return State.OVERDUE
        return State.DUE_SOON if self.due <= today + timedelta(DUE_SOON_DAYS) else \
            State.NOT_YET_DUE

    def needs_doing(self, today: date) -> bool:
        return self.state(today) in (State.OVERDUE, State.DUE_SOON)


def due(duty: Duty, started: date) -> date:
    return last_day(started, duty.length, Counting(duty.counting), Unit(duty.unit))


class Published:
    """What has been published, read once: each record's first publication
    (the day it met its duty) and each kind's latest."""

    def __init__(self) -> None:
        self.first: dict[tuple[str, str], Evidence] = {}
        self.latest: dict[str, Evidence] = {}
        for p in Publication.objects.order_by("published_at").only(
                "kind", "key", "title", "published_at"):
            evidence = Evidence(p.title, timezone.localdate(p.published_at), p.kind, p.key)
            self.first.setdefault((p.kind, p.key), evidence)
            self.latest[p.kind] = evidence
        for r in Report.objects.published().order_by("published_at").only(
                "version", "period_start", "period_end", "published_at"):
            evidence = Evidence(r.title, timezone.localdate(r.published_at), HIGHLIGHT_REPORTS,
                                str(r.pk))
            self.latest[HIGHLIGHT_REPORTS] = evidence


def occasions(duties: Iterable[Duty], today: date) -> list[Occasion]:
    """Every occasion of every duty from its start to today, and the next one."""
    published = Published()
    inspections = list(Inspection.objects.order_by("published_on"))
    decisions = list(Decision.objects.order_by("date", "number"))
    found: list[Occasion] = []
    for duty in duties:
        found += list(_occasions(duty, today, published, inspections, decisions))
    return found


def _occasions(duty: Duty, today: date, published: Published, inspections: list[Inspection],
               decisions: list[Decision]) -> Iterator[Occasion]:
    def occasion(started: date, about: str, key: str) -> Occasion:
        return Occasion(duty, started, about, due(duty, started),
                        published.first.get((duty.publishes, key)))

    event = StartEvent(duty.starts_with)
    if event in (StartEvent.HMICFRS_REPORT, StartEvent.PEEL_REPORT):
        for inspection in inspections:
            if inspection.published_on >= duty.since and (
                    event is StartEvent.HMICFRS_REPORT
                    or inspection.kind == Inspection.Kind.PEEL):
                yield occasion(inspection.published_on, inspection.title,
                               f"inspection-{inspection.pk}")
    elif event is StartEvent.FINANCIAL_YEAR_END:
        for year in range(duty.since.year, today.year + 1):
            ended = date(year, 3, 31)
            if duty.since <= ended <= today:
                yield occasion(ended, f"{year - 1}/{year % 100:02d}",
                               f"{year - 1}-{year % 100:02d}")
    elif event is StartEvent.DECISION:
        for decision in decisions:
            if decision.date >= duty.since:
                yield occasion(decision.date, str(decision), decision.public_key())
    elif event is StartEvent.LAST_PUBLICATION:
        last = published.latest.get(duty.publishes)
        started = max(last.published_on, duty.since) if last else duty.since
        yield Occasion(duty, started, duty.title, due(duty, started), None, last)


def needing_attention(today: date) -> list[Occasion]:
    """What is overdue or due soon, the most urgent first (the lead's home page
    and the dashboard)."""
    return sorted((o for o in occasions(Duty.objects.all(), today) if o.needs_doing(today)),
                  key=lambda o: o.due)


@dataclass(frozen=True)
class DutyRecord:
    """A duty as the public index shows it: no occasion's title, only what was
    published, when, and what is next."""

    duty: Duty
    last: Evidence | None
    next_due: date | None
    on_time: int
    late: int
    overdue: int


def public_index(today: date) -> list[DutyRecord]:
    found = occasions(duties := list(Duty.objects.all()), today)
    records = []
    for duty in duties:
        mine = [o for o in found if o.duty.pk == duty.pk]
        states = [o.state(today) for o in mine]
        published = [o.evidence for o in mine if o.evidence] + [o.last for o in mine if o.last]
        waiting = [o.due for o in mine if o.evidence is None]
        records.append(DutyRecord(
            duty, max(published, key=lambda e: e.published_on, default=None),
            min(waiting, default=None), states.count(State.MET), states.count(State.LATE),
            states.count(State.OVERDUE)))
    return records
