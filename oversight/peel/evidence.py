"""The evidence behind PEEL findings: their linked measures' KPI rows at one
reference month, each with its sustained-improvement judgement. The register,
the finding page and the PEEL progress report read it from here, so they agree
with each other and with the KPI tables."""

from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from oversight.peel.models import Finding
from scorecard.freshness import newest_month
from scorecard.kpi_rows import KpiRow
from scorecard.queries import active_measures, rows_at
from scorecard.sustained import Sustained, sustained


@dataclass
class MeasureEvidence:
    row: KpiRow
    sustained: Sustained


def measure_evidence(measure_ids: Collection[int],
                     month: date | None) -> dict[int, list[MeasureEvidence]]:
    """Each measure's rows (one per area) at `month`, by measure id."""
    if month is None or not measure_ids:
        return {}
    measures = active_measures().filter(pk__in=measure_ids)
    found: dict[int, list[MeasureEvidence]] = {}
    for row in rows_at(month, measures, trend_lines=True):
        found.setdefault(row.measure.pk, []).append(
            MeasureEvidence(row, sustained(row.figures, row.measure.polarity)))
    return found


@dataclass
class FindingEvidence:
    """What the register and the report say of one finding's measures."""

    evidence: list[MeasureEvidence]

    @property
    def judged(self) -> list[MeasureEvidence]:
        return [e for e in self.evidence if e.sustained.judged]

    @property
    def met(self) -> list[MeasureEvidence]:
        return [e for e in self.evidence if e.sustained.met]

    @property
    def sustained(self) -> bool:
        """Every linked measure that can be judged shows sustained improvement."""
        return bool(self.judged) and len(self.met) == len(self.judged)

    @property
    def summary(self) -> str:
        if not self.evidence:
            return "No linked measures"
        if not self.judged:
            return "No linked measure can be judged yet"
        return f"{len(self.met)} of {len(self.judged)} measures sustained"


def attach_evidence(findings: Sequence[Finding], month: date | None = None,
                    as_of: date | None = None) -> date | None:
    """Give each finding `.evidence` (a FindingEvidence), all at one reference
    month (by default the newest with data, up to `as_of`), which is returned;
    a bounded number of queries for any number."""
    linked = measures_by_finding(findings)
    measure_ids = set().union(*linked.values()) if linked else set()
    month = month or newest_month(measure_ids, as_of)
    by_measure = measure_evidence(measure_ids, month)
    for finding in findings:
        found = [e for m in linked.get(finding.pk, ()) for e in by_measure.get(m, [])]
        finding.evidence = FindingEvidence(sorted(found, key=lambda e: e.row.position))
    return month


def measures_by_finding(findings: Sequence[Finding]) -> dict[int, set[int]]:
    pairs = Finding.measures.through.objects.filter(finding__in=findings).values_list(
        "finding_id", "measure_id")
    linked: dict[int, set[int]] = {}
    for finding_id, measure_id in pairs:
        linked.setdefault(finding_id, set()).add(measure_id)
    return linked


PLURAL = {Finding.Kind.CAUSE_OF_CONCERN: "Causes of concern",
          Finding.Kind.RECOMMENDATION: "Recommendations",
          Finding.Kind.AREA_FOR_IMPROVEMENT: "Areas for improvement"}


@dataclass
class CountRow:
    kind: Finding.Kind
    cells: list  # (status, count) for every status, zeros included
    total: int

    @property
    def label(self) -> str:
        return PLURAL[self.kind]


def counts_by_kind_and_status(findings: Iterable[Finding]) -> list[CountRow]:
    seen = Counter((f.kind, f.status) for f in findings)
    return [CountRow(kind, [(status, seen[(kind, status)]) for status in Finding.Status],
                     sum(seen[(kind, status)] for status in Finding.Status))
            for kind in Finding.Kind]
