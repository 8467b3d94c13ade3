"""An upload's life: received, checked, confirmed, imported.

A file of up to UPLOAD_IN_REQUEST_ROWS rows is checked, and imported, while
its user waits, as before. A larger one is kept as sent and checked by the
worker (scorecard/tasks.py); once its user confirms the preview, the worker
imports it too. The worker records its progress on the upload, for the
upload's page to show, and says there why it stopped if it did.

Every step is guarded by the upload's state, so a step run twice (a retried
job, a second click) does nothing the second time.
"""

from collections.abc import Callable
from datetime import date

import pandas as pd
import pghistory
from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from scorecard.formats import current_month
from scorecard.importing.checked_file import table_bytes, table_from_bytes
from scorecard.importing.reading import (
    FileProblem,
    estimated_rows,
    read_table,
    refuse_larger_than,
)
from scorecard.importing.service import (
    Outcome,
    ReasonRequired,
    StalePreview,
    import_values,
)
from scorecard.importing.store import Comparison
from scorecard.models import UploadState, ValueUpload
from scorecard.presenters import PROBLEMS_SHOWN, change_rows

SOURCE = "Upload"
STOPPED = ("The {step} stopped because of a fault in the portal, so nothing was imported. "
           "Upload the file again; if it stops again, tell the portal's administrator "
           "(upload {upload}).")
# Hands an upload's id to the worker (a job deferred in the caller's transaction).
Queue = Callable[[int], object]
CHANGED_MEANWHILE = ("Stored values changed since you checked this file. Check the changes "
                     "below again, then confirm.")


class FileHasProblems(Exception):
    """A file checked in the request failed its checks: nothing was kept."""

    def __init__(self, problems: pd.DataFrame) -> None:
        self.problems = problems


def in_request(rows: int | None) -> bool:
    """Whether a file of `rows` rows (None: unknown) is checked while its user waits."""
    return rows is not None and rows <= settings.UPLOAD_IN_REQUEST_ROWS


def receive(user: User, filename: str, content: bytes, queue: Queue) -> ValueUpload:
    """A new upload: checked now if small (raising FileProblem or
    FileHasProblems), else kept for the worker to check (state CHECKING;
    `queue` is given its id, in the same transaction)."""
    refuse_larger_than(content, settings.UPLOAD_MAX_BYTES)  # before it is kept, or read
    rows = estimated_rows(filename, content)
    if not in_request(rows):
        with transaction.atomic():
            upload = ValueUpload.objects.create(
                uploaded_by=user, filename=filename, source=content, rows=rows or 0,
                state=UploadState.CHECKING)
            queue(upload.pk)
        return upload
    table = read_table(filename, content, settings.UPLOAD_MAX_BYTES)
    outcome = _preview(table)
    if outcome.comparison is None:
        raise FileHasProblems(outcome.checked.problems)
    return ValueUpload.objects.create(
        uploaded_by=user, filename=filename, content=table_bytes(table), rows=len(table),
        rows_read=len(table), rows_checked=len(table), **_compared(outcome.comparison))


def check(upload_id: int) -> None:
    """The worker's check of a large upload: its preview, or its problems."""
    upload = ValueUpload.objects.filter(pk=upload_id, state=UploadState.CHECKING).first()
    if upload is None:
        return  # checked already, by an earlier run of this job
    try:
        table = read_table(upload.filename, bytes(upload.source or b""),
                           settings.UPLOAD_MAX_BYTES)
        _record(upload_id, UploadState.CHECKING, rows=len(table), rows_read=len(table))
        outcome = _preview(table, lambda rows: _record(upload_id, UploadState.CHECKING,
                                                       rows_checked=rows))
    except FileProblem as problem:  # the file as a whole: no row to name
        _finish_check(upload_id, state=UploadState.PROBLEMS, problem_count=1,
                      problems=[{"row": None, "column": "", "message": str(problem)}])
        return
    if outcome.comparison is None:
        _finish_check(upload_id, **_problems(outcome.checked.problems))
        return
    _finish_check(upload_id, state=UploadState.CHECKED, content=table_bytes(table),
                  **_compared(outcome.comparison))


def confirm(upload: ValueUpload, *, reason: str, fingerprint: str, queue: Queue) -> ValueUpload:
    """The user confirmed the preview they saw (`fingerprint`): import a small
    upload now, or hand a large one to the worker (state IMPORTING; `queue` is
    given its id, in the same transaction). Raises ReasonRequired, or
    StalePreview with the preview refreshed. Returns the upload as it now is."""
    stale = None
    with transaction.atomic():
        # A second confirmation waits here, then finds the upload imported.
        locked = ValueUpload.objects.select_for_update().get(pk=upload.pk)
        if locked.state != UploadState.CHECKED:
            return locked
        if locked.changed and not reason.strip():
            raise ReasonRequired
        if not in_request(locked.rows):
            if locked.fingerprint != fingerprint:  # the page shown was older than this preview
                raise StalePreview(_comparison_of(locked))
            _record(locked.pk, UploadState.CHECKED, state=UploadState.IMPORTING,
                    reason=reason.strip(), error="")
            queue(locked.pk)
        else:
            try:
                _import(locked.pk, reason=reason, fingerprint=fingerprint,
                        was=UploadState.CHECKED)
            except StalePreview as found:
                stale = found
    if stale:  # recorded once the import's transaction is over, so it stays
        _refresh(locked.pk, stale.comparison)
        raise stale
    locked.refresh_from_db()
    return locked


def run_import(upload_id: int) -> None:
    """The worker's import of a confirmed large upload."""
    upload = ValueUpload.objects.filter(pk=upload_id, state=UploadState.IMPORTING).first()
    if upload is None:
        return  # imported already, by an earlier run of this job
    try:
        with pghistory.context(user=upload.uploaded_by_id, url=upload.get_absolute_url()):
            _import(upload_id, reason=upload.reason, fingerprint=upload.fingerprint,
                    was=UploadState.IMPORTING, this_month=current_month())
    except StalePreview as stale:
        _refresh(upload_id, stale.comparison, was=UploadState.IMPORTING, error=CHANGED_MEANWHILE)


def being_imported() -> bool:
    return ValueUpload.objects.filter(state=UploadState.IMPORTING).exists()


def stopped(upload_id: int, step: str) -> None:
    """Record that the worker's `step` failed, so the upload's page says so."""
    ValueUpload.objects.filter(
        pk=upload_id, state__in=[UploadState.CHECKING, UploadState.IMPORTING]
    ).update(state=UploadState.FAILED, source=None,
             error=STOPPED.format(step=step, upload=upload_id), updated_at=timezone.now())


def _import(upload_id: int, *, reason: str, fingerprint: str, was: str,
            this_month: date | None = None) -> None:
    upload = ValueUpload.objects.get(pk=upload_id)

    def recorded(outcome: Outcome) -> None:
        # Inside the import's transaction: imported and recorded, or neither.
        _record(upload_id, was, state=UploadState.IMPORTED, imported_at=timezone.now(),
                written=outcome.written, error="")

    outcome = import_values(
        table_from_bytes(bytes(upload.content)), this_month=this_month or current_month(),
        write=True, source=SOURCE, reason=reason, expected=fingerprint,
        progress=lambda rows: _record(upload_id, was, rows_checked=rows), then=recorded)
    if not outcome.checked.ok:  # the catalogue changed since the preview
        _record(upload_id, was, **_problems(outcome.checked.problems))


def _preview(table: pd.DataFrame, progress: Callable[[int], None] | None = None) -> Outcome:
    return import_values(table, this_month=current_month(), write=False, source=SOURCE,
                         progress=progress)


def _compared(comparison: Comparison) -> dict:
    return {"new": comparison.new, "changed": comparison.changed,
            "unchanged": comparison.unchanged, "fingerprint": comparison.fingerprint,
            "changes": change_rows(comparison.changes)}


def _problems(found: pd.DataFrame) -> dict:
    return {"state": UploadState.PROBLEMS, "problem_count": len(found),
            "problems": found.head(PROBLEMS_SHOWN).to_dict("records")}


def _comparison_of(upload: ValueUpload) -> Comparison:
    return Comparison(upload.new, upload.changed, upload.unchanged, upload.fingerprint, [])


def _finish_check(upload_id: int, **fields: object) -> None:
    _record(upload_id, UploadState.CHECKING, source=None, **fields)


def _refresh(upload_id: int, comparison: Comparison, was: str = UploadState.CHECKED,
             error: str = "") -> None:
    _record(upload_id, was, state=UploadState.CHECKED, error=error, **_compared(comparison))


def _record(upload_id: int, was: str, **fields: object) -> None:
    """Set `fields` on the upload if it is still in state `was` (one UPDATE:
    never a stale copy of the row saved over a newer one)."""
    ValueUpload.objects.filter(pk=upload_id, state=was).update(
        updated_at=timezone.now(), **fields)
