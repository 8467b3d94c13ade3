"""A catalogue and a file big enough for the bulk-load path (more than
store.BULK_ROWS new values), for the fault suite."""

import csv
from pathlib import Path

from django.db import connection

from scorecard.importing.values import COLUMNS
from scorecard.models import Area, Measure, MeasureArea, MonthlyValue, Topic

AREAS = 4
KINDS = [("count", "sum"), ("percentage", "ratio"), ("duration", "weighted_mean")]


def bulk_catalogue(measures: int) -> None:
    topic = Topic.objects.create(name="Fault suite")
    areas = Area.objects.bulk_create(Area(code=f"A{i}", name=f"Area {i}") for i in range(AREAS))
    made = Measure.objects.bulk_create(
        Measure(code=f"M{i:03d}", name=f"Measure {i}", topic=topic, unit=KINDS[i % 3][0],
                aggregation=KINDS[i % 3][1], polarity="neutral") for i in range(measures))
    MeasureArea.objects.bulk_create(MeasureArea(measure=m, area=a) for m in made for a in areas)


def bulk_file(path: Path, measures: int, months: int, shift: int = 0) -> int:
    """measures x AREAS x months values (from 1950); `shift` changes every value."""
    with path.open("w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        for i in range(measures):
            aggregation = KINDS[i % 3][1]
            for a in range(AREAS):
                for m in range(months):
                    x = (i * 7 + a * 13 + m * 31 + shift) % 997
                    numbers = (["", x, 1000 + x, ""] if aggregation == "ratio"
                               else [x, "", "", 100 + x] if aggregation == "weighted_mean"
                               else [x, "", "", ""])
                    writer.writerow([f"M{i:03d}", f"A{a}", f"{1950 + m // 12}-{m % 12 + 1:02d}",
                                     *numbers, ""])
    return measures * AREAS * months


def schema_of(*models: type) -> dict:
    """Every constraint and index of the models' tables, as PostgreSQL defines them."""
    tables = [m._meta.db_table for m in models]
    with connection.cursor() as cursor:
        cursor.execute("""
            SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid)
            FROM pg_constraint WHERE conrelid = ANY(%s::regclass[]) ORDER BY 1, 2""", [tables])
        constraints = cursor.fetchall()
        cursor.execute("""
            SELECT indrelid::regclass::text, pg_get_indexdef(indexrelid)
            FROM pg_index WHERE indrelid = ANY(%s::regclass[]) ORDER BY 1, 2""", [tables])
        return {"constraints": constraints, "indexes": cursor.fetchall()}


def counts() -> tuple[int, int]:
    return MonthlyValue.objects.count(), MonthlyValue.pgh_event_model.objects.count()
