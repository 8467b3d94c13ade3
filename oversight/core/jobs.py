"""Background jobs: procrastinate, with its queue in the portal's own Postgres.

Why procrastinate, and how jobs are written: docs/decisions/0007-background-jobs.md.
Every job is idempotent (it checks what is already done before it acts), so
a job left "doing" by a worker that died is simply started again.
"""

from procrastinate import JobContext
from procrastinate.contrib.django import app

# A worker's heartbeat is every 10 s; one silent for this long has died.
STALLED_AFTER_SECONDS = 30


@app.periodic(cron="* * * * *")
@app.task(queueing_lock="retry_stalled_jobs", pass_context=True)
async def retry_stalled_jobs(context: JobContext, timestamp: int) -> int:
    """Start again the jobs of workers that stopped without finishing them
    (killed, or their machine lost); returns how many."""
    stalled = await app.job_manager.get_stalled_jobs(
        seconds_since_heartbeat=STALLED_AFTER_SECONDS)
    for job in stalled:
        await app.job_manager.retry_job(job)
    return len(list(stalled))


# Finished jobs are kept a month (what ran, and what failed and why), then removed.
KEEP_FINISHED_JOBS_HOURS = 24 * 30


@app.periodic(cron="17 3 * * *")
@app.task(queueing_lock="remove_old_jobs", pass_context=True)
async def remove_old_jobs(context: JobContext, timestamp: int) -> None:
    await app.job_manager.delete_old_jobs(
        nb_hours=KEEP_FINISHED_JOBS_HOURS, include_failed=True, include_cancelled=True,
        include_aborted=True)
