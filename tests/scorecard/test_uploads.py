"""An upload's life when the worker checks and imports it (scorecard/uploads.py),
through its pages: progress, preview, confirmation, the import, and failures."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from pghistory.models import Context

from oversight.core.roles import Role
from scorecard import uploads
from scorecard.models import MonthlyValue, UploadState, ValueUpload
from tests.scorecard_data import csv_file

THREE_ROWS = ("CALLS,FORCE,2023-08,9001,,,,", "CALLS,FORCE,2023-09,9002,,,,",
              "CALLS,FORCE,2023-10,9003,,,,")

pytestmark = pytest.mark.usefixtures("catalogue")


@pytest.fixture(autouse=True)
def small_request_limit():
    # Files of more than two rows go to the worker.
    with override_settings(UPLOAD_IN_REQUEST_ROWS=2):
        yield


def upload(client, data: bytes, name="values.csv"):
    return client.post(reverse("scorecard:upload"), {"file": SimpleUploadedFile(name, data)})


def page(client, saved: ValueUpload) -> str:
    return client.get(saved.get_absolute_url()).content.decode()


def test_a_large_file_is_checked_by_the_worker_its_page_showing_progress(staff_client, worker):
    response = upload(staff_client, csv_file(*THREE_ROWS))
    saved = ValueUpload.objects.get()
    assert response["Location"] == saved.get_absolute_url()
    assert saved.state == UploadState.CHECKING and bytes(saved.source) == csv_file(*THREE_ROWS)
    shown = page(staff_client, saved)
    assert "Checking the file" in shown and 'data-module="pcc-job-progress"' in shown
    assert "nothing is written until you confirm" in shown
    progress = staff_client.get(reverse("scorecard:upload_progress", args=[saved.pk])).json()
    assert progress == {"state": "checking", "rows": 3, "rows_read": 0, "rows_checked": 0}

    assert [ran.task for ran in worker()] == ["scorecard.tasks.check_upload"]
    saved.refresh_from_db()
    assert (saved.state, saved.rows_read, saved.rows_checked, saved.new) == ("checked", 3, 3, 3)
    assert saved.source is None, "the file as sent is not kept once read"
    assert '<dd class="govuk-summary-list__value" data-count="new">3</dd>' in page(
        staff_client, saved)
    assert not MonthlyValue.objects.exists()


def test_the_worker_imports_a_confirmed_large_file_as_its_uploader(staff_client, worker):
    upload(staff_client, csv_file(*THREE_ROWS))
    worker()
    saved = ValueUpload.objects.get()
    staff_client.post(saved.get_absolute_url(), {"fingerprint": saved.fingerprint})
    saved.refresh_from_db()
    assert saved.state == UploadState.IMPORTING and not MonthlyValue.objects.exists()
    assert "Importing the file" in page(staff_client, saved)

    assert [ran.task for ran in worker()] == [
        "scorecard.tasks.import_upload", "scorecard.tasks.refresh_figures"]
    saved.refresh_from_db()
    assert (saved.state, saved.written) == ("imported", 3)
    assert sorted(MonthlyValue.objects.values_list("value", flat=True)) == [9001, 9002, 9003]
    assert "3 values written" in page(staff_client, saved)
    context = Context.objects.get()
    assert context.metadata["user"] == saved.uploaded_by_id
    assert context.metadata["source"] == "Upload"


def test_jobs_run_twice_do_nothing_more(staff_client, worker):
    upload(staff_client, csv_file(*THREE_ROWS))
    saved = ValueUpload.objects.get()
    worker()
    uploads.check(saved.pk)  # the job again: a retry after a lost worker
    saved.refresh_from_db()
    staff_client.post(saved.get_absolute_url(), {"fingerprint": saved.fingerprint})
    worker()
    uploads.run_import(saved.pk)
    staff_client.post(saved.get_absolute_url(), {"fingerprint": saved.fingerprint})
    assert worker() == [], "a second confirmation queues nothing"
    assert MonthlyValue.pgh_event_model.objects.count() == 3
    saved.refresh_from_db()
    assert (saved.state, saved.written) == ("imported", 3)


def test_a_confirmation_needs_a_reason_before_it_is_queued(staff_client, catalogue, worker):
    MonthlyValue.objects.create(measure=catalogue["count"], area=catalogue["areas"][0],
                                month="2023-10-01", value=1)
    upload(staff_client, csv_file(*THREE_ROWS))
    worker()
    saved = ValueUpload.objects.get()
    response = staff_client.post(saved.get_absolute_url(), {"fingerprint": saved.fingerprint})
    assert "Enter a reason" in response.content.decode()
    assert worker() == []


def test_values_changed_before_the_worker_imports_send_the_preview_back(
        staff_client, catalogue, worker):
    upload(staff_client, csv_file(*THREE_ROWS))
    worker()
    saved = ValueUpload.objects.get()
    staff_client.post(saved.get_absolute_url(), {"fingerprint": saved.fingerprint})
    MonthlyValue.objects.create(measure=catalogue["count"], area=catalogue["areas"][0],
                                month="2023-10-01", value=1)
    worker()
    saved.refresh_from_db()
    assert (saved.state, saved.new, saved.changed) == ("checked", 2, 1)
    assert MonthlyValue.objects.count() == 1, "nothing of the file was written"
    assert "Stored values changed since you checked this file" in page(staff_client, saved)


def test_problems_found_by_the_worker_are_shown_on_the_uploads_page(staff_client, worker):
    upload(staff_client, csv_file(*THREE_ROWS, "NOPE,FORCE,2023-10,1,,,,"))
    worker()
    saved = ValueUpload.objects.get()
    assert (saved.state, saved.problem_count) == ("problems", 1)
    shown = page(staff_client, saved)
    assert "There is a problem" in shown and "The file has 1 problem: nothing was imported" in shown
    assert "Row 5" not in shown and ">5<" in shown  # the table gives the row number
    assert not MonthlyValue.objects.exists()


def test_a_job_that_fails_says_why_on_the_page(staff_client, worker, monkeypatch):
    upload(staff_client, csv_file(*THREE_ROWS))

    def broken(upload_id):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(uploads, "check", broken)
    [ran] = worker()
    assert isinstance(ran.error, RuntimeError)
    saved = ValueUpload.objects.get()
    assert saved.state == UploadState.FAILED and saved.source is None
    shown = page(staff_client, saved)
    assert "The work on this file stopped" in shown
    assert "The check stopped because of a fault in the portal" in shown
    assert "disk on fire" not in shown


def test_someone_elses_upload_and_its_progress_are_not_found(staff_client, client_for, worker):
    upload(staff_client, csv_file(*THREE_ROWS))
    saved = ValueUpload.objects.get()
    other = client_for(Role.OPCC_STAFF)
    assert other.get(saved.get_absolute_url()).status_code == 404
    assert other.get(reverse("scorecard:upload_progress", args=[saved.pk])).status_code == 404


def test_a_file_without_the_columns_is_a_problem_not_a_fault(staff_client, worker):
    upload(staff_client, b"area,month\n" + b"FORCE,2023-10\n" * 3)
    assert [ran.error for ran in worker()] == [None]
    saved = ValueUpload.objects.get()
    assert saved.state == UploadState.PROBLEMS
    assert "The file must have a column headed “measure”" in page(staff_client, saved)


def test_kpi_pages_say_while_an_upload_writes_values(staff_client, catalogue, worker):
    topic_page = catalogue["topic"].get_absolute_url()
    line = "An upload is writing monthly values just now"
    upload(staff_client, csv_file(*THREE_ROWS))
    worker()
    saved = ValueUpload.objects.get()
    assert line not in staff_client.get(topic_page).content.decode()
    staff_client.post(saved.get_absolute_url(), {"fingerprint": saved.fingerprint})
    for page_address in (topic_page, reverse("scorecard:attention"), reverse("dashboard")):
        assert line in staff_client.get(page_address).content.decode(), page_address
    worker()
    assert line not in staff_client.get(topic_page).content.decode()
