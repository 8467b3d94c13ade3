"""Printing (oversight/core/pdf.py): each document printed once and kept,
a shared limit on prints at once, and nothing left behind by a print."""

import tempfile
import time
from pathlib import Path

import pytest

from oversight.core import pdf
from oversight.core.models import PrintedPdf
from tests.locking import other_session
from tests.processes import alive_with, never_finishing_chromium

DOCUMENT = "<!DOCTYPE html><html><head><title>A</title></head><body>A</body></html>"


@pytest.fixture
def prints(monkeypatch):
    printed = []

    def fake(html: str) -> bytes:
        printed.append(html)
        return b"%PDF-1.7 " + html.encode()

    monkeypatch.setattr(pdf, "html_to_pdf", fake)
    return printed


def test_a_document_is_printed_once_then_kept(db, prints):
    assert pdf.printed(DOCUMENT) == pdf.printed(DOCUMENT)
    assert len(prints) == 1 and PrintedPdf.objects.count() == 1
    pdf.printed(DOCUMENT.replace("A</body>", "B</body>"))  # another content, another print
    assert len(prints) == 2 and PrintedPdf.objects.count() == 2


def test_past_the_printing_places_nothing_more_prints(db, prints, settings):
    settings.PDF_CONCURRENCY = 2
    with other_session() as session:
        for slot in range(2):  # two prints under way elsewhere
            session.execute("SELECT pg_advisory_lock(%s, %s)", [pdf.PRINT_LOCKS, slot])
        with pytest.raises(pdf.PrintBusy):
            pdf.printed(DOCUMENT)
        session.execute("SELECT pg_advisory_unlock(%s, 1)", [pdf.PRINT_LOCKS])
        pdf.printed(DOCUMENT)  # a place came free
    assert len(prints) == 1


def test_a_print_gives_its_place_back_however_it_ends(db, monkeypatch, settings):
    settings.PDF_CONCURRENCY = 1

    def failing(html: str) -> bytes:
        raise pdf.PdfUnavailable("broken")

    monkeypatch.setattr(pdf, "html_to_pdf", failing)
    for _ in range(2):  # the second would be PrintBusy if the first kept its place
        with pytest.raises(pdf.PdfUnavailable):
            pdf.printed(DOCUMENT)


def test_a_print_that_never_finishes_is_stopped_and_leaves_nothing(settings, monkeypatch):
    marker = "6173"
    settings.CHROMIUM_PATH = never_finishing_chromium(marker)
    settings.PDF_TIMEOUT_SECONDS = 1
    folders = Path(tempfile.mkdtemp())
    monkeypatch.setattr(tempfile, "tempdir", str(folders))
    started = time.monotonic()
    with pytest.raises(pdf.PdfUnavailable, match="took more than 1 s"):
        pdf.html_to_pdf(DOCUMENT)
    assert time.monotonic() - started < 5
    assert alive_with(f"sleep {marker}") == []
    assert list(folders.iterdir()) == []
