"""The upload page: check, preview old → new, confirm, and only then write."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from scorecard.models import MonthlyValue, ValueUpload
from tests.scorecard_data import csv_file


def upload(client, data: bytes, name="values.csv"):
    return client.post(reverse("scorecard:upload"), {"file": SimpleUploadedFile(name, data)})


def test_a_good_file_is_previewed_and_written_only_on_confirmation(staff_client, catalogue):
    response = upload(staff_client, csv_file("CALLS,FORCE,2023-10,9429,,,,"))
    saved = ValueUpload.objects.get()
    assert response["Location"] == saved.get_absolute_url()
    page = staff_client.get(saved.get_absolute_url()).content.decode()
    assert '<dd class="govuk-summary-list__value" data-count="new">1</dd>' in page
    assert MonthlyValue.objects.count() == 0
    staff_client.post(saved.get_absolute_url(), {"fingerprint": saved.fingerprint})
    assert MonthlyValue.objects.get().value == 9429
    page = staff_client.get(saved.get_absolute_url()).content.decode()
    assert "1 values written" in page
    # Confirming again does nothing more.
    staff_client.post(saved.get_absolute_url(), {"fingerprint": saved.fingerprint})
    assert MonthlyValue.pgh_event_model.objects.count() == 1


def test_changes_are_shown_old_to_new_and_need_a_reason(staff_client, catalogue):
    MonthlyValue.objects.create(measure=catalogue["count"], area=catalogue["areas"][0],
                                month="2023-10-01", value=9429)
    upload(staff_client, csv_file("CALLS,FORCE,2023-10,9430,,,,"))
    saved = ValueUpload.objects.get()
    page = staff_client.get(saved.get_absolute_url()).content.decode()
    assert "value: 9,429 → 9,430" in page
    page = staff_client.post(saved.get_absolute_url(), {"fingerprint": saved.fingerprint})
    assert "Enter a reason: this file changes values already stored" in page.content.decode()
    staff_client.post(saved.get_absolute_url(),
                      {"fingerprint": saved.fingerprint, "reason": "Force correction"})
    assert MonthlyValue.objects.get().value == 9430


def test_a_preview_made_stale_by_another_change_is_shown_again(staff_client, catalogue):
    upload(staff_client, csv_file("CALLS,FORCE,2023-10,9429,,,,"))
    saved = ValueUpload.objects.get()
    MonthlyValue.objects.create(measure=catalogue["count"], area=catalogue["areas"][0],
                                month="2023-10-01", value=1)
    response = staff_client.post(saved.get_absolute_url(), {"fingerprint": saved.fingerprint},
                                 follow=True)
    assert "Stored values changed since you checked this file" in response.content.decode()
    assert MonthlyValue.objects.get().value == 1
    saved.refresh_from_db()
    assert (saved.new, saved.changed) == (0, 1)


def test_problems_are_listed_by_row_and_column(staff_client, catalogue):
    response = upload(staff_client, csv_file("CALLS,FORCE,2023-10,9429,,,,",
                                             "CALLS,FORCE,2023-09,lots,,,,"))
    page = response.content.decode()
    assert "The file has 1 problems: nothing was imported." in page
    assert "Enter a number in value" in page and ">3</td>" in page
    assert not ValueUpload.objects.exists()


def test_file_problems_are_shown_on_the_field(staff_client, catalogue):
    page = upload(staff_client, b"%PDF", name="values.pdf").content.decode()
    assert "The selected file must be a CSV or an Excel (.xlsx) file" in page
    assert 'href="#id_file"' in page
    with override_settings(UPLOAD_MAX_BYTES=10):
        page = upload(staff_client, csv_file("CALLS,FORCE,2023-10,9429,,,,")).content.decode()
    assert "The selected file must be smaller than" in page


def test_someone_elses_upload_is_not_found(staff_client, lead_client, catalogue):
    upload(staff_client, csv_file("CALLS,FORCE,2023-10,9429,,,,"))
    saved = ValueUpload.objects.get()
    assert lead_client.get(saved.get_absolute_url()).status_code == 404
    lead_client.post(saved.get_absolute_url(), {"fingerprint": saved.fingerprint})
    assert MonthlyValue.objects.count() == 0
