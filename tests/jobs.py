"""Running the jobs a test deferred, as the worker would, in the test's own
transaction (the worker proper runs in its own connection: tests/faults/ and
the browser journeys start one)."""

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection, connections
from django.db.models.signals import post_migrate
from procrastinate.contrib.django import app
from procrastinate.contrib.django.models import ProcrastinateJob

ROOT = Path(__file__).resolve().parent.parent
JOB_TABLES = ("procrastinate_jobs", "procrastinate_events", "procrastinate_periodic_defers",
              "procrastinate_workers")


def forget_jobs(using: str = "default", **kwargs: object) -> None:
    """Jobs are left out of Django's flush (procrastinate's models are not
    Django's to manage): forget them whenever a test flushes the database."""
    with connections[using].cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(JOB_TABLES)} RESTART IDENTITY CASCADE")


post_migrate.connect(forget_jobs, sender=apps.get_app_config("procrastinate"),
                     dispatch_uid="tests.jobs.forget_jobs")


@dataclass
class Ran:
    task: str
    args: dict
    error: Exception | None


def run_queued_jobs() -> list[Ran]:
    """Run every job waiting, oldest first (jobs they defer too); each ends
    succeeded or failed, as in the worker."""
    ran = []
    while job := ProcrastinateJob.objects.filter(status="todo").order_by("id").first():
        error = None
        try:
            app.tasks[job.task_name](**job.args)
        except Exception as failure:  # what the worker would log
            error = failure
        with connection.cursor() as cursor:
            cursor.execute("UPDATE procrastinate_jobs SET status = %s WHERE id = %s",
                           ["failed" if error else "succeeded", job.id])
        ran.append(Ran(job.task_name, job.args, error))
    return ran


@pytest.fixture
def worker():
    return run_queued_jobs


def database_url() -> str:
    """The test database, as DATABASE_URL, for processes the tests start."""
    settings = connection.settings_dict
    host = settings["HOST"] or settings["OPTIONS"].get("host", "")
    where = (f"/{settings['NAME']}?host={host}" if host.startswith("/")  # a socket's folder
             else f"{host}:{settings['PORT'] or 5432}/{settings['NAME']}")
    return f"postgresql://{settings['USER']}:{settings['PASSWORD'] or ''}@{where}"


@contextmanager
def worker_process(log: Path, **environment: str) -> Iterator[subprocess.Popen]:
    """A real worker (`manage.py procrastinate worker`) on the test database, in
    its own process group; stopped, and waited for, at the end."""
    env = {**os.environ, "DATABASE_URL": database_url(),
           "DJANGO_SETTINGS_MODULE": "tests.settings", **environment}
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "manage.py", "procrastinate", "worker"], cwd=ROOT, env=env,
            stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            yield process
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()
