"""Importing the measure catalogue: checked and compared whole, then upserted by code.

A catalogue has hundreds of rows, not millions: rows are checked one by one
for clear messages, and written with a handful of bulk statements.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import pandas as pd
import pghistory
from django.db import transaction

from oversight.core.formulas import is_formula
from oversight.plan.models import Objective
from scorecard.formats import parse_duration
from scorecard.importing.values import FIRST_ROW, check_columns
from scorecard.models import (
    Aggregation,
    Area,
    Direction,
    Measure,
    MeasureArea,
    Polarity,
    Threshold,
    Topic,
    Unit,
)

COLUMNS = [
    "code", "name", "topic", "objective", "unit", "aggregation", "polarity", "areas",
    "threshold_label", "threshold_value", "threshold_direction", "definition",
]
REQUIRED = ["code", "name", "topic", "unit", "aggregation", "polarity", "areas"]
FIELDS = ["name", "topic", "unit", "aggregation", "polarity", "definition"]
CODE = re.compile(r"^[A-Za-z0-9_.\-]+$")


@dataclass
class MeasureRow:
    row: int
    code: str
    values: dict  # FIELDS, topic as its name
    objective: Objective | None
    area_ids: set
    thresholds: dict  # label -> (value, direction)


@dataclass
class CatalogueChanges:
    rows: list
    problems: list = field(default_factory=list)  # (row, column, message)
    new: list = field(default_factory=list)  # codes
    changed: list = field(default_factory=list)  # (code, [(field, old, new)])
    unchanged: int = 0
    new_topics: list = field(default_factory=list)


def check_measures(table: pd.DataFrame, objectives: dict) -> CatalogueChanges:
    """`objectives` maps the current plan's objective codes to objectives."""
    check_columns(table, COLUMNS, REQUIRED)
    areas = {}
    for pk, code, name in Area.objects.values_list("pk", "code", "name"):
        areas[code.lower()] = areas[name.lower()] = pk
    result = CatalogueChanges(rows=[])
    seen: dict[str, int] = {}
    for number, cells in enumerate(table[COLUMNS].to_dict("records"), start=FIRST_ROW):
        problems = _row_problems(number, cells, areas, objectives, seen)
        result.problems += problems
        if not problems:
            result.rows.append(_measure_row(number, cells, areas, objectives))
    return result


def _row_problems(number: int, cells: dict[str, str], areas: dict, objectives: dict,
                  seen: dict[str, int]) -> list[tuple[int, str, str]]:
    found = [(column, "This cell looks like a spreadsheet formula: enter the value itself")
             for column, text in cells.items() if is_formula(text)]
    found += [(column, f"Enter the {column}") for column in REQUIRED if not cells[column]]
    code = cells["code"]
    if code and not CODE.match(code):
        found.append(("code", "A code can only have letters, digits, dots, dashes and _"))
    if code in seen:
        found.append(("code", f"This code is already used on row {seen[code]}"))
    seen.setdefault(code, number)
    for column, choices in (("unit", Unit), ("aggregation", Aggregation),
                            ("polarity", Polarity)):
        if cells[column] and cells[column] not in choices.values:
            found.append((column, f"Enter one of: {', '.join(choices.values)}"))
    if cells["aggregation"] == Aggregation.RATIO and cells["unit"] != Unit.PERCENTAGE:
        found.append(("unit", "A ratio measure must have the unit percentage"))
    if cells["objective"] and cells["objective"] not in objectives:
        found.append(("objective", f"There is no objective {cells['objective']} in the "
                      "current plan"))
    for name in _split(cells["areas"]):
        if name.lower() not in areas:
            found.append(("areas", f"There is no area with the code or name “{name}”"))
    found += _threshold_problems(cells)
    return [(number, column, message) for column, message in found]


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(";") if part.strip()]


def _threshold_problems(cells: dict[str, str]) -> list[tuple[str, str]]:
    labels, values, directions = (
        _split(cells[f"threshold_{part}"]) for part in ("label", "value", "direction")
    )
    if not (len(labels) == len(values) == len(directions)):
        return [("threshold_label", "Give each threshold a label, a value and a direction "
                 "(separate several with ;)")]
    found = []
    for value in values:
        if _threshold_value(value, cells["unit"]) is None:
            found.append(("threshold_value", f"Enter the threshold “{value}” as a number "
                          "(durations as seconds or hh:mm:ss)"))
    for direction in directions:
        if direction not in Direction.values:
            found.append(("threshold_direction", f"Enter one of: {', '.join(Direction.values)}"))
    return found


def _threshold_value(text: str, unit: str) -> Decimal | None:
    seconds = parse_duration(text) if unit == Unit.DURATION else None
    if seconds is not None:
        return Decimal(seconds)
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def _measure_row(number: int, cells: dict[str, str], areas: dict,
                 objectives: dict) -> MeasureRow:
    thresholds = {
        label: (_threshold_value(value, cells["unit"]), direction)
        for label, value, direction in zip(
            *(_split(cells[f"threshold_{p}"]) for p in ("label", "value", "direction")),
            strict=True,
        )
    }
    return MeasureRow(
        row=number, code=cells["code"],
        values={name: cells[name] for name in FIELDS},
        objective=objectives.get(cells["objective"]),
        area_ids={areas[name.lower()] for name in _split(cells["areas"])},
        thresholds=thresholds,
    )


def compare_measures(result: CatalogueChanges) -> CatalogueChanges:
    """Fill in what the import would add and change."""
    stored = {
        m.code: m
        for m in Measure.objects.select_related("topic").prefetch_related(
            "thresholds", "measurearea_set", "objectives")
    }
    topics = set(Topic.objects.values_list("name", flat=True))
    result.new_topics = sorted({r.values["topic"] for r in result.rows} - topics)
    for row in result.rows:
        measure = stored.get(row.code)
        if measure is None:
            result.new.append(row.code)
            continue
        differences = _differences(measure, row)
        if differences:
            result.changed.append((row.code, differences))
        else:
            result.unchanged += 1
    return result


def _current(measure: Measure) -> dict:
    return {
        **{name: getattr(measure, name) for name in FIELDS if name != "topic"},
        "topic": measure.topic.name,
        "areas": {link.area_id for link in measure.measurearea_set.all()},
        "thresholds": {t.label: (t.value, t.direction) for t in measure.thresholds.all()},
        "objective": next(iter(measure.objectives.all()), None),
    }


def _differences(measure: Measure, row: MeasureRow) -> list:
    now = _current(measure)
    wanted = {**row.values, "areas": row.area_ids, "thresholds": row.thresholds,
              "objective": row.objective}
    if row.objective is None:
        wanted["objective"] = now["objective"]  # a blank objective leaves links alone
    return [(name, now[name], wanted[name]) for name in wanted if now[name] != wanted[name]]


def apply_measures(result: CatalogueChanges, reason: str, source: str) -> None:
    """Upsert the checked rows by code, in one transaction."""
    with transaction.atomic(), pghistory.context(reason=reason, source=source):
        for name in result.new_topics:
            Topic.objects.get_or_create(name=name)
        topics = dict(Topic.objects.values_list("name", "pk"))
        Measure.objects.bulk_create(
            [
                Measure(code=r.code, topic_id=topics[r.values["topic"]],
                        **{k: v for k, v in r.values.items() if k != "topic"})
                for r in result.rows
            ],
            update_conflicts=True, unique_fields=["code"],
            update_fields=[f if f != "topic" else "topic_id" for f in FIELDS],
        )
        ids = dict(Measure.objects.filter(code__in=[r.code for r in result.rows])
                   .values_list("code", "pk"))
        _sync_areas(result.rows, ids)
        _sync_thresholds(result.rows, ids)
        _sync_objectives(result.rows, ids)


def _sync_areas(rows: list[MeasureRow], ids: dict[str, int]) -> None:
    wanted = {(ids[r.code], area) for r in rows for area in r.area_ids}
    links = MeasureArea.objects.filter(measure_id__in=ids.values())
    have = set(links.values_list("measure_id", "area_id"))
    for measure_id, area_id in have - wanted:
        links.filter(measure_id=measure_id, area_id=area_id).delete()
    MeasureArea.objects.bulk_create(
        [MeasureArea(measure_id=m, area_id=a) for m, a in wanted - have]
    )


def _sync_thresholds(rows: list[MeasureRow], ids: dict[str, int]) -> None:
    stored = {(t.measure_id, t.label): t for t in Threshold.objects.filter(
        measure_id__in=ids.values())}
    wanted = {(ids[r.code], label): spec for r in rows for label, spec in r.thresholds.items()}
    Threshold.objects.filter(pk__in=[t.pk for key, t in stored.items() if key not in wanted]
                             ).delete()
    for (measure_id, label), (value, direction) in wanted.items():
        current = stored.get((measure_id, label))
        if current is None or (current.value, current.direction) != (value, direction):
            Threshold.objects.update_or_create(
                measure_id=measure_id, label=label,
                defaults={"value": value, "direction": direction})


def _sync_objectives(rows: list[MeasureRow], ids: dict[str, int]) -> None:
    links = Measure.objectives.through.objects
    linked = [r for r in rows if r.objective is not None]
    wanted = {(ids[r.code], r.objective.pk) for r in rows if r.objective is not None}
    have = set(links.filter(measure_id__in=[ids[r.code] for r in linked])
               .values_list("measure_id", "objective_id"))
    stale = have - wanted
    if stale:
        links.filter(measure_id__in={m for m, _ in stale}).exclude(
            objective_id__in={o for _, o in wanted}).delete()
    links.bulk_create([links.model(measure_id=m, objective_id=o) for m, o in wanted - have])
