"""Demo scorecard: seed 001's measures with four years of monthly values whose
published figures (month, 3 months, 12 months, year-on-year) match the seed.

Loading is an upsert through the same services as the real imports, so
loading twice changes nothing.
"""

import csv
from dataclasses import replace
from datetime import date
from functools import lru_cache
from pathlib import Path

import pandas as pd
from django.conf import settings
from django.db import transaction

from oversight.plan.models import Objective
from scorecard import freshness, stats
from scorecard.demo_parts import Part, Split, split
from scorecard.demo_series import (
    KindsSplit,
    SeriesSpec,
    find,
    generate,
    split_kinds,
)
from scorecard.formats import current_month, month_key, month_of
from scorecard.importing.measures import apply_measures, check_measures, compare_measures
from scorecard.importing.reading import read_table
from scorecard.importing.service import import_values
from scorecard.importing.values import COLUMNS
from scorecard.models import Annotation, Area, ComparatorValue, Measure, Topic

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
MEASURES = FIXTURES / "demo_measures.csv"
FIGURES = FIXTURES / "demo_kpi_figures.csv"
# Noise sized to the measure: durations and rates wander less than counts.
DEFAULT_NOISE = {"count": 0.05, "duration": 0.04, "percentage": 0.04}
SOURCE = "Demo data"
# Seed 001 gives burglary for Salisbury, Chippenham and Trowbridge CPTs, and
# says every other CPT's fell: County's other four CPTs are kept together.
COUNTY_CPTS = [("CPT_SALISBURY", "Salisbury CPT", 0.13), ("CPT_CHIPPENHAM", "Chippenham CPT", 0.2),
               ("CPT_TROWBRIDGE", "Trowbridge CPT", 0.17),
               ("CPT_OTHER", "County's other four CPTs", 0.25)]
AREAS = [("FORCE", "Wiltshire Police", None), ("COUNTY", "County", "FORCE"),
         ("SWINDON", "Swindon", "FORCE"),
         *[(code, name, "COUNTY") for code, name, _ in COUNTY_CPTS]]
# Counts whose areas add up to the force's (seed 001's County and Swindon
# leave a few crimes in no area), and burglary by CPT (Swindon is one CPT).
SPLITS = {
    "VWI-VOL": ([("COUNTY", 0.6), ("SWINDON", 0.4)], 0.002, False),
    "ASB-LOGS": ([("COUNTY", 0.61), ("SWINDON", 0.39)], 0.0015, False),
    "BUR-VOL": ([(code, share) for code, _, share in COUNTY_CPTS] + [("SWINDON", 0.25)], 0.0,
                True),  # seed 001: every other CPT's burglaries fell in the 12 months
}
# Seed 001, complaints: IOPC Police Complaints Information Bulletin, Apr–Jun 2023.
COMPARATORS = {
    "CMP-CASES": {"force": 371, "sply": 311, "msg": 259, "national": 20503},
    "CMP-CASES-1000": {"force": 149, "sply": 125, "msg": 74, "national": 81},
}
RECLASSIFICATION = (
    "April 2023: burglary crime classifications changed. Residential burglary of a home "
    "now excludes outbuildings; earlier months are regrouped to keep comparisons meaningful."
)
RECRUITMENT = (
    "Invented for the demo: 24 call handlers recruited in a drive over the winter took "
    "their first calls in March 2024; 101 calls are answered sooner and fewer abandoned."
)
CALL_BACK = (
    "Invented for the demo: from April 2026 a caller held in the 999 queue hears that "
    "the call is recorded and is called back if the line drops."
)
# Known changes of level, each noted on its measure's chart: (measure, month,
# the level's factor from that month on, the annotation's kind and text).
CHANGES = [
    ("BUR-VOL", date(2023, 4, 1), 0.8, "definition_change", RECLASSIFICATION),
    ("CCC-CCH-ATA", date(2024, 3, 1), 0.7, "intervention", RECRUITMENT),
    ("CCC-CCH-ABN", date(2024, 3, 1), 0.75, "intervention", RECRUITMENT),
    ("CCC-999-ABN", date(2026, 4, 1), 0.75, "intervention", CALL_BACK),
]


def load_scorecard() -> int:
    """Load (or refresh) the demo scorecard with the values as they stood when
    seed 001 was printed: each series up to its table's month (the data the
    seed's report was written from). Returns how many values were written."""
    with transaction.atomic():
        _load_areas()
        _load_measures()
        _load_notes()
    return _load_values(demo_values(), current_month())


# Topics whose return for last month is deliberately late, so the staff home
# page has a to-do list: survey results and complaints come from other teams,
# the roads policing unit's return is often a month behind (invented).
LATE_TOPICS = ["Road Safety", "Victim Voice", "Dissatisfaction/Complaint volumes"]


def extend_scorecard(today: date) -> int:
    """Every series on to the last complete month before `today` (after the
    seed's report is published, as the months since came in), but for the late
    topics' last month."""
    last = last_complete_month(today)
    values = demo_values(last)
    late = set(Measure.objects.filter(topic__name__in=LATE_TOPICS).values_list("code", flat=True))
    on_time = ~(values["measure"].isin(late) & (values["month"] == month_key(last)))
    return _load_values(values[on_time], today)


def _load_areas() -> None:
    for order, (code, name, parent) in enumerate(AREAS):
        Area.objects.update_or_create(code=code, defaults={
            "name": name, "order": order,
            "parent": Area.objects.get(code=parent) if parent else None})


def _load_measures():
    objectives = {o.code: o for o in Objective.objects.filter(priority__plan__is_current=True)}
    result = check_measures(read_table(MEASURES.name, MEASURES.read_bytes()), objectives)
    if result.problems:
        raise ValueError(f"{MEASURES.name}: {result.problems}")
    apply_measures(compare_measures(result), "Demo data loaded", SOURCE)
    for order, row in enumerate(result.rows):
        Measure.objects.filter(code=row.code).update(order=order)
        Topic.objects.filter(name=row.values["topic"], objective__isnull=True).update(
            objective=row.objective, priority=row.objective.priority if row.objective else None)
    first_use = {}
    for row in result.rows:
        first_use.setdefault(row.values["topic"], len(first_use))
    for name, order in first_use.items():
        Topic.objects.filter(name=name).update(order=order)


def _load_notes() -> None:
    for code, month, _, kind, text in CHANGES:
        Annotation.objects.update_or_create(
            month=month, measure=Measure.objects.get(code=code), kind=kind,
            defaults={"text": text})
    for code, values in COMPARATORS.items():
        measure = Measure.objects.get(code=code)
        for comparator, value in values.items():
            year = 2022 if comparator == "sply" else 2023
            ComparatorValue.objects.update_or_create(
                measure=measure, comparator="force" if comparator == "sply" else comparator,
                force_name="", period_start=date(year, 4, 1), period_end=date(year, 6, 1),
                defaults={"value": value, "source": "IOPC Police Complaints Information "
                          "Bulletin"})


def series_specs() -> list[SeriesSpec]:
    measures = {m.code: m for m in Measure.objects.all()}
    with FIGURES.open(newline="", encoding="utf-8") as handle:
        return [_spec(row, measures[row["code"]]) for row in csv.DictReader(handle)]


def _spec(row: dict, measure: Measure) -> SeriesSpec:
    return SeriesSpec(
        row["code"], row["area"], measure.unit, measure.aggregation, measure.polarity,
        month_of(row["reference_month"]), row,
        kpi_table=row["source"].startswith("seed 001 KPI table"),
        lost=frozenset(filter(None, row["lost"].split(";"))), level=row["level"],
        season=int(row["season"]) if row["season"] else None,
        noise=float(row["noise"]) if row["noise"] else DEFAULT_NOISE.get(measure.unit, 0.04),
        scale=float(row["scale"]) if row["scale"] else None,
        changes=[(month, factor) for code, month, factor, *_ in CHANGES
                 if code == row["code"]])


# Seed 001: "Urban SLA = 15 min. For September 2023 the response time was 11
# min 59 sec. Rural SLA = 20 min. ... 15 min 18 sec." Immediate response's
# average is their mean weighted by incidents.
IMMEDIATE = "RT-IMM-ART"
URBAN_RURAL = KindsSplit("RT-IMM-ART-URB", "RT-IMM-ART-RUR", date(2023, 9, 1),
                         first_value=11 * 60 + 59, second_value=15 * 60 + 18, second_share=0.36)


def last_complete_month(today: date) -> date:
    """The newest month whose data a return could hold on `today`."""
    return freshness.expected_month(today.replace(day=1))


def demo_values(last: date | None = None) -> pd.DataFrame:
    """Demo monthly values, as the text of an upload file's cells: each series
    from 2019 to `last`, or else to its seed table's month."""
    return _demo_values(last).copy()


@lru_cache(maxsize=4)
def _demo_values(last: date | None) -> pd.DataFrame:
    # Fitting the series to the seeds takes seconds and gives the same values
    # every time: once a process (the tests load the demo a dozen times).
    frames = []
    specs = series_specs()
    for spec in specs:
        if spec.code in SPLITS and spec.area != "FORCE":
            continue  # split from the force's
        rows = generate(spec, last or spec.reference)
        series = [(spec.code, spec.area, rows)]
        if spec.code == IMMEDIATE:
            kinds = split_kinds(rows, URBAN_RURAL)
            series += [(URBAN_RURAL.first, spec.area, kinds[0]),
                       (URBAN_RURAL.second, spec.area, kinds[1])]
        if spec.code in SPLITS:
            series += _parts(spec, specs, rows)
        for code, area, part_rows in series:
            frames.append(part_rows.assign(measure=code, area=area))
    table = pd.concat(frames, ignore_index=True)
    table["month"] = table["month"].map(month_key)
    table["note"] = ""
    return table[COLUMNS].map(lambda cell: "" if pd.isna(cell) else str(cell))


def _parts(whole: SeriesSpec, specs: list[SeriesSpec], rows: pd.DataFrame) -> list:
    """(code, area, rows) of each area a count's force series is split into."""
    areas, unassigned, others_fall = SPLITS[whole.code]
    printed = {spec.area: spec for spec in specs if spec.code == whole.code}
    plan = Split(whole, tuple(
        Part(printed.get(area) or replace(whole, area=area, printed={}, kpi_table=False,
                                          level=""), share) for area, share in areas),
        unassigned, others_fall)
    method = stats.Method()
    parts = split(plan, find(whole, method).x[0], method)
    return [(whole.code, area, pd.DataFrame({"month": rows["month"], "value": counts[:len(rows)]}))
            for (area, _), counts in zip(areas, parts, strict=True)]


def _load_values(values: pd.DataFrame, today: date) -> int:
    outcome = import_values(values, this_month=today.replace(day=1), write=True,
                            reason="Demo data reloaded", source=SOURCE)
    if not outcome.checked.ok:
        raise ValueError(outcome.checked.problems.head().to_string())
    return outcome.written
