"""Request bodies are refused by their declared size before they are read,
and an upload is parsed once: its confirmation imports the rows previewed."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse

from scorecard.models import MonthlyValue, ValueUpload
from tests.security.hostile_files import COLUMNS, GOOD_ROW, rows_xlsx


class UnreadableBody:
    """A request body that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read


def post_declaring(client: Client, path: str, length: int):
    return client.generic("POST", path, data=b"", content_type="multipart/form-data",
                          CONTENT_LENGTH=str(length), **{"wsgi.input": UnreadableBody()})


def test_a_signed_in_body_over_the_limit_is_refused_unread(staff_client, settings):
    response = post_declaring(staff_client, reverse("scorecard:upload"),
                              settings.REQUEST_BODY_MAX_BYTES + 1)
    assert response.status_code == 413
    assert "The selected file must be smaller than 20 MB" in response.content.decode()


def test_an_anonymous_body_is_refused_long_before_the_upload_limit(client, settings):
    response = post_declaring(client, reverse("login"), settings.ANONYMOUS_BODY_MAX_BYTES + 1)
    assert response.status_code == 413
    assert settings.ANONYMOUS_BODY_MAX_BYTES < settings.REQUEST_BODY_MAX_BYTES // 100


@pytest.mark.parametrize("length", ["-1", "lots"])
def test_a_body_of_no_size_is_a_bad_request(client, length):
    response = client.generic("POST", reverse("login"), data=b"", CONTENT_LENGTH=length)
    assert response.status_code == 400


def test_the_body_limit_is_a_setting_a_little_above_the_upload_limit(settings):
    assert settings.UPLOAD_MAX_BYTES < settings.REQUEST_BODY_MAX_BYTES
    assert settings.REQUEST_BODY_MAX_BYTES <= settings.UPLOAD_MAX_BYTES * 1.1


@override_settings(REQUEST_BODY_MAX_BYTES=5_000)
def test_a_body_under_the_limit_is_served(staff_client):
    assert staff_client.post(reverse("scorecard:upload")).status_code == 200


@pytest.mark.usefixtures("catalogue")
def test_the_confirmation_imports_the_previewed_rows_without_parsing_again(
        staff_client, monkeypatch, worker):
    data = rows_xlsx([COLUMNS, GOOD_ROW])
    staff_client.post(reverse("scorecard:upload"),
                      {"file": SimpleUploadedFile("values.xlsx", data)})
    worker()  # a spreadsheet that does not declare its size is checked by the worker
    saved = ValueUpload.objects.get()
    assert not bytes(saved.content).startswith(b"PK"), "the spreadsheet itself is not kept"

    def no_parsing(*args, **kwargs):
        raise AssertionError("the file was parsed again")

    monkeypatch.setattr("scorecard.importing.xlsx.read_xlsx", no_parsing)
    monkeypatch.setattr("scorecard.importing.reading.read_xlsx", no_parsing)
    monkeypatch.setattr("scorecard.uploads.read_table", no_parsing)
    staff_client.post(saved.get_absolute_url(), {"fingerprint": saved.fingerprint})
    assert MonthlyValue.objects.get().value == 9429
