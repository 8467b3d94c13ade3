"""Benchmark: the KPI pages on a large scorecard.

Builds 300 measures x 3 areas x 120 months (108,000 values; counts, ratios,
weighted-mean durations and means) through the real import, then in one run
prints:
  - the time to recompute and store every figure after that full import (every
    reference month), and after a change to the latest month alone;
  - the "what needs attention" page (all rows ranked in SQL; the first page
    shown) and the overall performance dashboard (every priority's counts and
    top measures, PEEL, deliverables, actions, data freshness), with the
    figures current, against a floor: a page of the same size at any scale;
    and just after a data change (the page recomputes the latest month itself
    when that is small work, or shows the figures as they were);
  - the queries each KPI page issues.

Targets (issue 21): attention and dashboard <= 150 ms at 300 and at 3,000
measures; the full recompute at 3,000 measures no slower than 15.9 s.
Runs in a throwaway database.

    .venv/bin/python bench/kpi_pages.py [--measures 300] [--months 120]
"""

import argparse
import csv
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import F  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.throwaway import throwaway_database  # noqa: E402
from oversight.core.roles import Role, sync_roles  # noqa: E402
from oversight.plan.models import Plan, Priority  # noqa: E402
from scorecard import computing, figure_store  # noqa: E402
from scorecard.importing.values import COLUMNS  # noqa: E402
from scorecard.models import (  # noqa: E402
    Area,
    Figure,
    FigureState,
    Measure,
    MeasureArea,
    MonthlyValue,
    Topic,
)
from tests.factories import UserFactory  # noqa: E402

AREAS = 3
KINDS = [("count", "sum"), ("percentage", "ratio"), ("duration", "weighted_mean"),
         ("number", "mean")]
RUNS = 7


def build_catalogue(measures: int) -> None:
    plan = Plan.objects.create(title="Plan", period="2022-25", start_date=date(2022, 4, 1),
                               end_date=date(2025, 3, 31), is_current=True)
    priorities = [Priority.objects.create(plan=plan, number=n, title=f"Priority {n}")
                  for n in range(1, 5)]
    topics = [Topic.objects.create(name=f"Topic {i}", order=i, priority=priorities[i % 4])
              for i in range(-(-measures // 10))]  # ten measures a topic
    areas = Area.objects.bulk_create(
        [Area(code="FORCE", name="Force")]
        + [Area(code=f"A{i}", name=f"Area {i}", order=i) for i in range(1, AREAS)])
    for area in areas[1:]:
        area.parent = areas[0]
        area.save()
    made = Measure.objects.bulk_create(
        Measure(code=f"M{i:04d}", name=f"Measure {i}", topic=topics[i // 10],
                unit=KINDS[i % 4][0], aggregation=KINDS[i % 4][1],
                polarity=["up_is_good", "down_is_good", "neutral"][i % 3], order=i)
        for i in range(measures))
    MeasureArea.objects.bulk_create(MeasureArea(measure=m, area=a) for m in made for a in areas)


def write_file(path: Path, measures: int, months: int) -> int:
    rows = 0
    with path.open("w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        for i in range(measures):
            aggregation = KINDS[i % 4][1]
            for a, area in enumerate(["FORCE", *(f"A{n}" for n in range(1, AREAS))]):
                for m in range(months):
                    month = f"{2014 + m // 12}-{m % 12 + 1:02d}"
                    x = 500 + (i * 7 + a * 13 + m * 31) % 97 + m  # noise and a drift
                    if aggregation == "ratio":
                        row = ["", x // 10, 1000, ""]
                    elif aggregation == "weighted_mean":
                        row = [x, "", "", 100 + m]
                    else:
                        row = [x, "", "", ""]
                    writer.writerow([f"M{i:04d}", area, month, *row, ""])
                    rows += 1
    return rows


def timed(action, runs=RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def change_latest_value() -> None:
    """One value of the latest month changed: the next page finds its figures behind."""
    latest = MonthlyValue.objects.latest("month")
    MonthlyValue.objects.filter(pk=latest.pk).update(value=F("value") + 1)


def queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--measures", type=int, default=300)
    parser.add_argument("--months", type=int, default=120)
    options = parser.parse_args()
    name = throwaway_database("bench_kpi_pages")
    try:
        sync_roles()
        build_catalogue(options.measures)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "values.csv"
            rows = write_file(path, options.measures, options.months)
            start = time.perf_counter()
            call_command("import_values", str(path), stdout=open(os.devnull, "w"))  # noqa: SIM115
            print(f"full import of {rows:,} values (its command recomputes the figures "
                  f"too): {time.perf_counter() - start:.1f} s")
        report(options)
    finally:
        connection.close()
        connection.creation.destroy_test_db(name, verbosity=0)


def report(options) -> None:
    settings.ALLOWED_HOSTS = ["testserver"]  # the test client's host
    FigureState.objects.all().delete()  # as if never computed: the full recompute
    start = time.perf_counter()
    figure_store.refresh()
    everything = time.perf_counter() - start
    state = FigureState.objects.get()

    one = timed(lambda: (change_latest_value(), figure_store.refresh()), runs=3)
    print(f"recompute and store every figure after the import: {everything:.1f} s for "
          f"{state.months} reference months x {options.measures * AREAS} series "
          f"({Figure.objects.count():,} rows); after a change to the latest month: {one:.2f} s")

    client = Client()
    client.force_login(UserFactory(role=Role.OPCC_STAFF))
    small = MeasureArea.objects.count() * computing.MONTHS_NEEDED <= \
        settings.FIGURES_IN_REQUEST_VALUES
    how = ("the page recomputes them" if small else
           "the page shows them as they were and asks the worker")
    floor = timed(lambda: client.get("/scorecard/methodology/"))
    print(f"floor: the methodology page (the same size at any scale): {floor * 1000:.0f} ms")
    for label, url in (("what needs attention", "/scorecard/attention/"),
                       ("overall performance dashboard", "/dashboard/")):
        figure_store.refresh()  # as the worker would have by now
        assert client.get(url).status_code == 200
        current = timed(lambda url=url: client.get(url))
        stale = timed(lambda url=url: (change_latest_value(), client.get(url)), runs=3)
        print(f"{label}, figures current: {current * 1000:.0f} ms (target <= 150), "
              f"{current / floor:.1f}x the floor; just after a change to the latest "
              f"month: {stale * 1000:.0f} ms ({how})")
    topic = Topic.objects.first()
    measure = Measure.objects.first()
    pages = {"what needs attention": "/scorecard/attention/",
             "KPI table (one topic)": topic.get_absolute_url(),
             "measure page (3 charts)": measure.get_absolute_url(),
             "data freshness": "/scorecard/freshness/", "scorecard index": "/scorecard/",
             "methodology": "/scorecard/methodology/", "dashboard": "/dashboard/"}
    for label, page in pages.items():
        print(f"queries, {label}: {queries(client, page)}")


if __name__ == "__main__":
    main()
