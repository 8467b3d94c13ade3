"""The benchmarks under bench/ still run and print their ratios (at a toy
size: the figures themselves are for notes, never asserted)."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.programs import NO_WRK, missing

ROOT = Path(__file__).resolve().parent.parent
RATIO = r"\d+\.\d+x"
# The test database is made for this module too: its template is a copy of it.
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def template(bench_template):
    """Each benchmark copies the migrated database tests/conftest.py made
    (bench/throwaway.py) instead of running every migration again."""
    assert bench_template
    os.environ["BENCH_TEMPLATE"] = bench_template
    yield
    del os.environ["BENCH_TEMPLATE"]


def run(script: str, *options: str) -> str:
    finished = subprocess.run(  # noqa: S603 (our own interpreter and script)
        [sys.executable, str(ROOT / "bench" / script), *options],
        cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)
    assert finished.returncode == 0, finished.stderr
    return finished.stdout


def test_import_benchmark_prints_its_ratios_and_memory():
    printed = run("import_values.py", "--measures", "2")
    assert "file: 2,880 values" in printed
    assert re.search(rf"least writing any import must do .*= {RATIO} the raw COPY", printed)
    assert re.search(rf"import_values / raw COPY: {RATIO}", printed)
    assert re.search(rf"import_values / least writing: {RATIO}; the import itself / least "
                     rf"writing: {RATIO} \(target <= 3\)", printed)
    assert re.search(r"import_values peak memory, the figures' recompute included: \d+ MB",
                     printed)
    assert re.search(r"then recomputing every KPI figure: \d+\.\d s", printed)
    assert re.search(r"page reads during the import: \d+, the longest waited \d+\.\d+ s", printed)


def test_kpi_pages_benchmark_runs():
    printed = run("kpi_pages.py", "--measures", "2", "--months", "30")
    assert "full import of 180 values" in printed  # 2 measures x 3 areas x 30 months
    assert re.search(r"queries, dashboard: \d+", printed)


def test_plan_pages_benchmark_prints_its_ratios():
    printed = run("plan_pages.py", "--repeats", "2")
    assert re.search(rf"deliverables page, 1000 rows / 100 rows: {RATIO}", printed)


def test_audit_log_benchmark_prints_its_times():
    printed = run("audit_log.py", "--events", "2000")
    assert "history entries: 2,002" in printed
    assert re.search(rf"deep page \(half-way\): \d+ ms = {RATIO} the floor", printed)


def test_as_known_benchmark_prints_its_ratio():
    printed = run("as_known.py", "--measures", "2", "--months", "40")
    assert "history entries: 336 (a fifth revised twice)" in printed
    assert re.search(rf"the same as known on [\d-]+: \d+ ms = {RATIO} the floor \(target <= 3\)",
                     printed)


def test_public_pages_benchmark_prints_its_ratios():
    if not shutil.which("wrk"):
        missing(NO_WRK, "wrk is missing in CI (.ci/run installs it).")
    printed = run("public_pages.py", "--seconds", "1", "--rounds", "1", "--connections", "2")
    for page in ("public report contents (not signed in)", "public whole report (not signed in)",
                 "portal report contents (signed-in panel member)"):
        assert re.search(rf"{re.escape(page)} \([\d,]+ bytes\): [\d,]+ req/s; floor "
                         rf"/static/\S+ \([\d,]+ bytes\) [\d,]+ req/s; = {RATIO} its floor",
                         printed), printed
