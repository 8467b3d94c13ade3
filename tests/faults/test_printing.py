"""PDF overload: more prints than places, and a print whose process is killed.

Beyond the limit the answer comes at once (while the prints holding the
places are still running); no Chromium outlives its print; no temporary
folder is left."""

import os
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest
from django.db import connection

from oversight.core import pdf
from tests.jobs import ROOT, database_url
from tests.processes import (
    alive_with,
    chromium_waiting_for,
    never_finishing_chromium,
    wait_until,
)

pytestmark = pytest.mark.django_db(transaction=True)


def document(number: int) -> str:
    return f"<!DOCTYPE html><html><head><title>{number}</title></head><body>{number}</body></html>"


def test_ten_prints_at_once_two_places_eight_told_at_once_to_try_again(settings, tmp_path):
    settings.PDF_CONCURRENCY = 2
    barrier = Path(tempfile.mkdtemp()) / "go"
    barrier.parent.chmod(0o755)  # seen by the unprivileged printer
    settings.CHROMIUM_PATH = program = chromium_waiting_for(barrier)
    outcomes: dict[int, str] = {}

    def print_one(number: int) -> None:
        try:
            pdf.printed(document(number))
            outcomes[number] = "printed"
        except pdf.PrintBusy:
            outcomes[number] = "busy"
        except Exception as error:  # shown by the assertion below
            outcomes[number] = repr(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=print_one, args=[n]) for n in range(10)]
    for thread in threads:
        thread.start()
    wait_until(lambda: len(alive_with(f"sh {program}")) == 2)
    # Eight answers, all "busy", while the two prints still wait to finish.
    wait_until(lambda: sorted(outcomes.values()) == ["busy"] * 8)
    assert len(alive_with(f"sh {program}")) == 2
    barrier.touch()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes.values()) == ["busy"] * 8 + ["printed"] * 2
    wait_until(lambda: alive_with(f"sh {program}") == [])
    assert pdf.printed(document(min(n for n, o in outcomes.items() if o == "printed"))) \
        == b"%PDF-1.7 printed", "kept for the next reader"


def test_a_print_whose_process_is_killed_leaves_no_chromium_and_no_folder():
    marker = "6281"
    folders = Path(tempfile.mkdtemp())
    script = ("import django; django.setup(); from oversight.core.pdf import html_to_pdf; "
              f"html_to_pdf({document(1)!r})")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings",
           "DATABASE_URL": database_url(), "CHROMIUM": never_finishing_chromium(marker),
           "PDF_TIMEOUT_SECONDS": "600", "TMPDIR": str(folders)}
    printer = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, env=env)
    try:
        wait_until(lambda: len(alive_with(f"sleep {marker}")) == 2)
        assert len(list(folders.iterdir())) == 1
    finally:
        os.kill(printer.pid, signal.SIGKILL)  # a web worker killed mid-print
        printer.wait()
    wait_until(lambda: alive_with(f"sleep {marker}") == [])
    wait_until(lambda: list(folders.iterdir()) == [])
