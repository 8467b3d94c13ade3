"""Demo scorecard: seed 001's measures with four years of monthly values whose
published figures (month, 3 months, 12 months, year-on-year) match the seed.

Loading is an upsert through the same services as the real imports, so
loading twice changes nothing.
"""

import csv
from datetime import date
from pathlib import Path

import pandas as pd
from django.conf import settings
from django.db import transaction

from oversight.plan.models import Objective
from scorecard.demo_series import SeriesSpec, generate
from scorecard.formats import add_months, month_key, month_of
from scorecard.importing.measures import apply_measures, check_measures, compare_measures
from scorecard.importing.reading import read_table
from scorecard.importing.service import import_values
from scorecard.importing.values import COLUMNS
from scorecard.models import Annotation, Area, ComparatorValue, Measure, Topic

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
MEASURES = FIXTURES / "demo_measures.csv"
FIGURES = FIXTURES / "demo_kpi_figures.csv"
FIRST_MONTH, LAST_MONTH = date(2019, 10, 1), date(2023, 10, 1)
SOURCE = "Demo data"
AREAS = [("FORCE", "Wiltshire Police", None), ("COUNTY", "County", "FORCE"),
         ("SWINDON", "Swindon", "FORCE")]
# Seed 001, complaints: IOPC Police Complaints Information Bulletin, Apr–Jun 2023.
COMPARATORS = {
    "CMP-CASES": {"force": 371, "sply": 311, "msg": 259, "national": 20503},
    "CMP-CASES-1000": {"force": 149, "sply": 125, "msg": 74, "national": 81},
}
RECLASSIFICATION = (
    "April 2023: burglary crime classifications changed. Residential burglary of a home "
    "now excludes outbuildings; earlier months are regrouped to keep comparisons meaningful."
)


def load_scorecard() -> int:
    """Load (or refresh) the demo scorecard; returns how many values were written."""
    with transaction.atomic():
        _load_areas()
        _load_measures()
        _load_notes()
    return _load_values()


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
    burglary = Measure.objects.get(code="BUR-VOL")
    Annotation.objects.update_or_create(
        month=date(2023, 4, 1), measure=burglary, kind="definition_change",
        defaults={"text": RECLASSIFICATION})
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
        return [
            SeriesSpec(row["code"], row["area"], measures[row["code"]].unit,
                       measures[row["code"]].aggregation, month_of(row["reference_month"]),
                       row, row["level"])
            for row in csv.DictReader(handle)
        ]


def demo_values() -> pd.DataFrame:
    """Every demo monthly value, as the text of an upload file's cells."""
    frames = []
    for spec in series_specs():
        # Each series ends at its seed table's month: Sep-2023 data were the
        # latest some tables had when the Oct-2023 ones were printed.
        first = min(FIRST_MONTH, add_months(spec.reference, -47))  # four years at least
        rows = generate(spec, first, spec.reference)
        rows.insert(0, "area", spec.area)
        rows.insert(0, "measure", spec.code)
        frames.append(rows)
    table = pd.concat(frames, ignore_index=True)
    table["month"] = table["month"].map(month_key)
    table["note"] = ""
    return table[COLUMNS].map(lambda cell: "" if pd.isna(cell) else str(cell))


def _load_values() -> int:
    outcome = import_values(demo_values(), this_month=LAST_MONTH, write=True,
                            reason="Demo data reloaded", source=SOURCE)
    if not outcome.checked.ok:
        raise ValueError(outcome.checked.problems.head().to_string())
    return outcome.written
