"""Benchmark: the Plan's pages against reading the same rows from Postgres.

Prints ratios, never absolute limits: how many times longer the page takes
than a bare ORM read of its deliverables, at two sizes, and how the page
scales from the small size to the large one (10x the rows).

    .venv/bin/python bench/plan_pages.py [--repeats 15]
"""

import argparse
import os
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from bench.throwaway import throwaway_database  # noqa: E402
from oversight.core.roles import Role  # noqa: E402
from oversight.plan.models import Deliverable, Objective, Plan, Priority  # noqa: E402
from tests.factories import UserFactory  # noqa: E402


def build(deliverables: int) -> None:
    Plan.objects.all().delete()
    plan = Plan.objects.create(title="Bench plan", period="2022-25", is_current=True,
                               start_date=date(2022, 4, 1), end_date=date(2025, 3, 31))
    priority = Priority.objects.create(plan=plan, number=1, title="Priority")
    objectives = Objective.objects.bulk_create(
        Objective(priority=priority, code=f"1.{i}", title=f"Objective {i}") for i in range(10)
    )
    Deliverable.objects.bulk_create(
        Deliverable(objective=objectives[i % 10], action=f"Action {i}", progress=i % 101,
                    start_date=date(2023, 1, 1), due_date=date(2024, 1, 1))
        for i in range(deliverables)
    )


def best_of(action, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=15, help="the best of so many runs")
    repeats = parser.parse_args().repeats
    setup_test_environment()
    # Its own database, so a test run at the same time is not disturbed.
    name = throwaway_database("bench_plan_pages")
    try:
        client = Client()
        client.force_login(UserFactory(role=Role.OPCC_STAFF))
        page_times = {}
        for size in (100, 1000):
            build(size)
            page = best_of(lambda: client.get("/deliverables/"), repeats)
            rows = best_of(lambda: list(Deliverable.objects.select_related("objective").values()),
                           repeats)
            page_times[size] = page
            print(f"deliverables page / bare read of its {size} rows: {page / rows:.1f}x")
        print(f"deliverables page, 1000 rows / 100 rows: {page_times[1000] / page_times[100]:.1f}x")
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)


if __name__ == "__main__":
    main()
