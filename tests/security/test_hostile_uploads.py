"""Every hostile file through the upload page and `import_values`: a plain
message, never a 500, nothing saved; reading them all stays under 500 MB."""

import html
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from scorecard.importing.reading import read_table
from scorecard.models import MonthlyValue, UploadState, ValueUpload
from tests.security.hostile_files import CASES

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.usefixtures("catalogue")


def made(name: str) -> tuple[str, bytes]:
    filename, make = CASES[name]
    return filename, make()


def test_there_are_at_least_200_hostile_files():
    assert len(CASES) >= 200
    assert sum(filename.endswith(".xlsx") for filename, _ in CASES.values()) >= 60


def uploaded(client, worker, filename: str, data: bytes):
    """The page that answers an upload: the upload page itself, or (a file too
    large, or of unknown size, to check while its user waits) the upload's own
    page once the worker has checked it."""
    response = client.post(reverse("scorecard:upload"),
                           {"file": SimpleUploadedFile(filename, data)})
    if response.status_code != 302:
        assert not ValueUpload.objects.exists()
        return response
    assert all(ran.error is None for ran in worker())
    saved = ValueUpload.objects.get()
    assert saved.state == UploadState.PROBLEMS
    assert not saved.source, "the file is not kept once refused"
    return client.get(response.url)


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_upload_page_refuses_it_plainly(name, staff_client, worker):
    filename, data = made(name)
    response = uploaded(staff_client, worker, filename, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "root:x:0:0" not in page and "Traceback" not in page
    assert not MonthlyValue.objects.exists()


@pytest.mark.parametrize("name", sorted(CASES))
def test_import_values_refuses_it_plainly(name, tmp_path, capsys):
    filename, data = made(name)
    path = tmp_path / filename
    path.write_bytes(data)
    with pytest.raises(CommandError) as refused:
        call_command("import_values", str(path), "--reason", "test")
    assert str(refused.value).strip() and "Traceback" not in str(refused.value)
    assert not MonthlyValue.objects.exists()


@pytest.mark.parametrize("name, message", [
    ("xlsx-dimension-A1-H1048576",
     "The spreadsheet says it has 1,048,576 rows; an upload can hold at most 1,000,000"),
    ("xlsx-dimension-A1-XFD2", "The spreadsheet says it has 16,384 columns"),
    ("xlsx-zip-bomb", "The spreadsheet unzips to 420 MB"),
    ("xlsx-1200-members", "it holds 1,200 parts"),
    ("xlsx-huge-shared-strings", "The spreadsheet's text takes 25 MB"),
    ("xlsx-row-numbered-1048576", "The spreadsheet has more than 1,000,000 rows"),
    ("xlsx-shared-string-index-past-end", "not a valid Excel (.xlsx) file"),
    ("xlsx-repeated-heading-value-2", "the heading “value” more than once"),
    ("csv-repeated-heading-value-Value-5", "the heading “value” more than once"),
    ("csv-huge-value-1e14", "Enter a value smaller than 100,000,000,000,000"),
    ("csv-huge-weight-1e400", "Enter a weight smaller than 100,000,000,000,000"),
    ("csv-long-note", "A note can be at most 2,000 characters"),
    ("csv-formula-note-4", "looks like a spreadsheet formula"),
])
def test_the_messages_say_what_is_wrong(name, message, staff_client, worker):
    filename, data = made(name)
    response = uploaded(staff_client, worker, filename, data)
    assert message in html.unescape(response.content.decode())


READ_ALL = """
import json, resource, sys
import django
django.setup()
from scorecard.importing.reading import FileProblem, read_table
from tests.security.hostile_files import CASES
escaped = []
for name, (filename, make) in sorted(CASES.items()):
    try:
        read_table(filename, make(), 20_000_000)
    except FileProblem:
        pass
    except Exception as error:
        escaped.append(f"{name}: {error!r}")
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"peak": peak, "escaped": escaped}))
"""

def test_reading_every_hostile_file_stays_under_500_mb():
    """In a process of its own, so its peak memory is the files' alone."""
    environment = os.environ | {"DJANGO_SETTINGS_MODULE": "tests.settings"}
    result = subprocess.run([sys.executable, "-c", READ_ALL], cwd=ROOT, env=environment,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["escaped"] == []
    assert outcome["peak"] < 500_000_000, f"peak {outcome['peak'] / 1e6:.0f} MB"


def test_a_good_xlsx_still_reads():
    from tests.security.hostile_files import COLUMNS, GOOD_ROW, rows_xlsx

    table = read_table("values.xlsx", rows_xlsx([COLUMNS, GOOD_ROW]))
    assert table.to_dict("records") == [dict(zip(COLUMNS, GOOD_ROW, strict=True))]


@pytest.mark.parametrize("question", ["abc", "1e3", "", "٣", "-1", "99999999999999999999"])
def test_removing_a_question_that_is_not_there_says_so(question, staff_client, current_plan):
    from tests.factories import BriefingFactory

    briefing = BriefingFactory()
    response = staff_client.post(reverse("elg:briefing_questions", args=[briefing.meeting_id]),
                                 {"action": "remove", "question": question}, follow=True)
    assert response.status_code == 200
    assert "nothing was removed" in response.content.decode()
