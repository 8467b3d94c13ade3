"""Upload fuzz through the page: files cut, flipped, shuffled and stretched
from good CSV and XLSX uploads, checked in the request or by the worker:
never a 500, never a failed job, nothing written unless the user confirms."""

import datetime
import io
import random

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from openpyxl import Workbook

from scorecard.models import MonthlyValue, ValueUpload
from tests.scorecard_data import csv_file

CASES = 150
GOOD = ["CALLS,FORCE,2023-10,9429,,,,", "ABANDON,FORCE,2023-10,,74,10562,,",
        "WAIT,COUNTY,2023-10,00:00:12,,,900,", "SATISFIED,FORCE,2023-10,75.5,,,,note"]


def good_xlsx() -> bytes:
    book = Workbook()
    # The same bytes every run, so a case that fails fails again.
    book.properties.created = book.properties.modified = datetime.datetime(2026, 1, 1)
    for line in csv_file(*GOOD).decode().splitlines():
        book.active.append(line.split(","))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def mutated(chance: random.Random, data: bytes) -> bytes:
    data = bytearray(data)
    for _ in range(chance.randint(1, 6)):
        kind = chance.choice(["flip", "cut", "insert", "repeat", "shuffle"])
        at = chance.randrange(len(data)) if data else 0
        if kind == "flip" and data:
            data[at] = chance.randrange(256)
        elif kind == "cut":
            del data[at:at + chance.randint(1, 64)]
        elif kind == "insert":
            data[at:at] = chance.choice([b",", b"\n", b'"', b"\x00", b"=1+1", b"\xff\xfe",
                                         b"9" * 30, "é".encode()])
        elif kind == "repeat":
            data += bytes(data[at:at + 200]) * chance.randint(1, 50)
        elif kind == "shuffle":
            lines = bytes(data).split(b"\n")
            chance.shuffle(lines)
            data = bytearray(b"\n".join(lines))
    return bytes(data)


@pytest.mark.parametrize("case", range(CASES))
def test_a_mangled_upload_never_fails_the_page(case, staff_client, catalogue, worker):
    chance = random.Random(case)
    name, good = (("values.xlsx", good_xlsx()) if case % 3 == 0
                  else ("values.csv", csv_file(*GOOD)))
    data = mutated(chance, good)
    # A third of the files go to the worker whatever their size.
    with override_settings(UPLOAD_IN_REQUEST_ROWS=2 if case % 3 == 1 else 50_000):
        response = staff_client.post(reverse("scorecard:upload"),
                                     {"file": SimpleUploadedFile(name, data)})
        assert response.status_code in (200, 302)
        assert [ran.error for ran in worker() if ran.error] == []
        for saved in ValueUpload.objects.all():
            page = staff_client.get(saved.get_absolute_url())
            assert page.status_code == 200
            assert "Traceback" not in page.content.decode()
    assert not MonthlyValue.objects.exists(), "nothing is written before confirmation"
