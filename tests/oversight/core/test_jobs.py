"""The foundation's own jobs: stalled jobs started again, old jobs removed.
Run by a real worker (procrastinate's, in this process) on committed data."""

import asyncio
import datetime

import pytest
from django.db import connection
from procrastinate.contrib.django import app

from oversight.core import jobs

pytestmark = pytest.mark.django_db(transaction=True)


def run(coroutine):
    with app.replace_connector(app.connector.get_worker_connector()) as worker_app:
        async def opened():
            async with worker_app.open_async():
                return await coroutine(worker_app)

        return asyncio.run(opened())


def job(status: str, *, finished_days_ago: int = 0, worker: int | None = None) -> int:
    with connection.cursor() as cursor:
        cursor.execute("""
            INSERT INTO procrastinate_jobs (queue_name, task_name, args, status, worker_id)
            VALUES ('uploads', 'scorecard.tasks.check_upload', '{"upload_id": 1}', 'todo', %s)
            RETURNING id""", [worker])
        pk = cursor.fetchone()[0]
        if status != "todo":
            cursor.execute("UPDATE procrastinate_jobs SET status = 'doing' WHERE id = %s", [pk])
        if status in ("succeeded", "failed"):
            cursor.execute("UPDATE procrastinate_jobs SET status = %s WHERE id = %s", [status, pk])
            cursor.execute(
                "UPDATE procrastinate_events SET at = now() - %s WHERE job_id = %s",
                [datetime.timedelta(days=finished_days_ago), pk])
        return pk


def statuses() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, status FROM procrastinate_jobs")
        return dict(cursor.fetchall())


def test_a_job_left_doing_by_a_dead_worker_is_started_again():
    with connection.cursor() as cursor:  # a worker whose heartbeat stopped a minute ago
        cursor.execute("INSERT INTO procrastinate_workers (last_heartbeat) "
                       "VALUES (now() - interval '1 minute') RETURNING id")
        dead = cursor.fetchone()[0]
    stalled = job("doing", worker=dead)
    assert run(lambda worker_app: jobs.retry_stalled_jobs.func(None, 0)) == 1
    assert statuses()[stalled] == "todo"


def test_jobs_finished_over_a_month_ago_are_removed():
    old, recent = job("succeeded", finished_days_ago=31), job("failed", finished_days_ago=2)
    run(lambda worker_app: jobs.remove_old_jobs.func(None, 0))
    assert set(statuses()) == {recent}, f"{old} removed"
