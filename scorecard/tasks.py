"""The scorecard's background jobs: checking and importing large uploads, and
bringing the stored KPI figures up to date after data change.

One at a time (the lock): each may hold a million rows in memory, and two
imports would only queue on the values table anyway. A job that meets a bulk
load's locks tries again shortly; any other failure is recorded on the
upload, whose page says so (scorecard/uploads.py). Both are safe to run
again: each does nothing if its upload has moved on.
"""

from collections.abc import Callable

from django.db import transaction
from procrastinate import RetryStrategy
from procrastinate.contrib.django import app
from procrastinate.exceptions import AlreadyEnqueued

from oversight.core import audit_context
from oversight.core.locks import Busy
from scorecard import figure_store, uploads

WHEN_BUSY = RetryStrategy(max_attempts=20, wait=15, retry_exceptions={Busy})


def _recorded(step: str, work: Callable[[int], None], upload_id: int) -> None:
    try:
        with audit_context.job(f"{step} upload {upload_id}"):
            work(upload_id)
    except Busy:
        raise  # tried again (WHEN_BUSY)
    except Exception:
        uploads.stopped(upload_id, step)
        raise


@app.task(queue="uploads", lock="monthly-values", retry=WHEN_BUSY)
def check_upload(upload_id: int) -> None:
    _recorded("check", uploads.check, upload_id)


@app.task(queue="uploads", lock="monthly-values", retry=WHEN_BUSY)
def import_upload(upload_id: int) -> None:
    _recorded("import", uploads.run_import, upload_id)
    queue_refresh_figures()


# Every minute, and whenever a page finds the figures out of date: a write made
# anywhere (the admin, bulk SQL) is caught within a minute, and a page that
# finds them behind does not wait for that. The queueing lock keeps one waiting;
# the lock runs one at a time.
@app.periodic(cron="* * * * *")
@app.task(queue="figures", queueing_lock="refresh_figures", lock="figures", retry=WHEN_BUSY)
def refresh_figures(timestamp: int = 0) -> None:
    figure_store.refresh()


def queue_refresh_figures() -> None:
    """Ask the worker to refresh the figures; a request already waiting will do."""
    try:
        with transaction.atomic():  # a refused job leaves the caller's transaction usable
            refresh_figures.defer()
    except AlreadyEnqueued:
        pass
