"""Reading reports (panel_reports/views.py): a published report reads its snapshot,
lists revised figures, prints whole as a PDF; panel members see published reports
only."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from oversight.core.reader_pages import forget_reader_pages
from oversight.core.roles import Role
from oversight.plan.models import Priority
from panel_reports import document, workflow
from panel_reports.models import Report
from scorecard.models import MonthlyValue
from tests.factories import MeasureFactory, UserFactory
from tests.pages import cells, page_text, queries_of
from tests.panel_reports.reports import DEC, SEP, kpi_cells, topic_url
from tests.printing import empty_pages
from tests.scorecard_data import OCT_2023, put_values


def test_a_published_report_keeps_its_figures_and_lists_the_revisions(
        published, kpi_data, staff_client, panel_client):
    url = topic_url(published, kpi_data)
    before = kpi_cells(panel_client.get(url))
    assert before["Call Answered Volume: 999"][2] == "2,000"
    force = kpi_data["areas"][0]
    MonthlyValue.objects.filter(measure=kpi_data["count"], area=force,
                                month=OCT_2023).update(value=2600)

    after = kpi_cells(panel_client.get(url))
    assert after == before
    whole = page_text(panel_client.get(reverse("panel_reports:whole", args=[published.pk])))
    assert "2,600" not in whole and "2,000" in whole

    revised = cells(staff_client.get(reverse("panel_reports:revisions", args=[published.pk])))
    rows = [row for row in revised if row and row[1] == "Call Answered Volume: 999"]
    assert ["Crime & Communication Centre – 999 Service", "Call Answered Volume: 999",
            "Oct-2023", "2,000", "2,600"] in rows
    assert ["Crime & Communication Centre – 999 Service", "Call Answered Volume: 999",
            "12 Months to Oct-2023", "14,100", "14,700"] in rows


def test_no_revision_is_listed_while_the_data_stand(published, staff_client):
    response = staff_client.get(reverse("panel_reports:revisions", args=[published.pk]))
    assert "No figure has been revised" in page_text(response)


def test_panel_members_see_published_reports_only(published, draft_next, panel_client):
    listed = page_text(panel_client.get(reverse("panel_reports:list")))
    assert published.title in listed and draft_next.title not in listed
    for name, args in [("contents", []), ("whole", []), ("pdf", []),
                       ("part", ["priority-1"])]:
        url = reverse(f"panel_reports:{name}", args=[draft_next.pk, *args])
        assert panel_client.get(url).status_code == 404, name
    assert panel_client.get(
        reverse("panel_reports:revisions", args=[published.pk])).status_code == 403


@pytest.fixture
def draft_next(published, staff):
    return workflow.create_draft(Report(
        period_start=datetime.date(2024, 1, 1), period_end=datetime.date(2024, 3, 1),
        reference_month=OCT_2023), staff)


@pytest.mark.parametrize("name", ["contents", "whole", "part"])
def test_a_published_page_reads_the_snapshot_only(published, kpi_data, panel_client,
                                                   monkeypatch, name):
    args = [published.pk] + ([f"topic-{kpi_data['topic'].code}"] if name == "part" else [])
    url = reverse(f"panel_reports:{name}", args=args)
    small = rendering_queries(panel_client, url)
    # A bigger report: more topics, measures and values.
    priority = Priority.objects.get()
    for number in range(2, 6):
        Priority.objects.create(plan=priority.plan, number=number, title=f"Priority {number}")
    for _ in range(6):
        measure = MeasureFactory(areas=[kpi_data["areas"][0]])
        put_values(measure, kpi_data["areas"][0], [5] * 24)
    bigger = workflow.create_draft(Report(period_start=datetime.date(2023, 6, 1),
                                          period_end=DEC, reference_month=OCT_2023),
                                   published.published_by)
    workflow.submit(bigger, UserFactory(role=Role.OPCC_STAFF))
    bigger = workflow.publish(bigger, published.published_by)
    assert len(bigger.snapshot["parts"]) > len(published.snapshot["parts"]) + 6

    def no_statistics(*args, **kwargs):
        raise AssertionError("a published page computed figures")

    monkeypatch.setattr("scorecard.figure_store.compute_in_parts", no_statistics)
    monkeypatch.setattr("scorecard.queries.month_figures", no_statistics)
    monkeypatch.setattr(document, "build", no_statistics)
    args = [bigger.pk] + args[1:]
    assert rendering_queries(panel_client, reverse(f"panel_reports:{name}", args=args)) == small
    # The session with the user and their roles (1), looking for a kept page
    # (1), the report's own row (1) and keeping the page for the next reader
    # (1): nothing per part.
    assert small == 4
    # The next reader's page is the kept one: the session with its user, the page.
    assert queries_of(panel_client, url) == 2


def rendering_queries(client, url) -> int:
    """Queries the view issues to render `url` (not a kept page's answer)."""
    client.get(url)  # the snapshot, read once a process
    forget_reader_pages()
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured)


def test_the_pdf_is_the_whole_report(published, panel_client, pdf_printer):
    response = panel_client.get(reverse("panel_reports:pdf", args=[published.pk]))
    assert response["Content-Type"] == "application/pdf"
    from io import BytesIO

    from pypdf import PdfReader

    pdf = PdfReader(BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "Quarterly Highlight Report September – December 2023" in text
    assert "Call Answered Volume: 999" in text
    assert f"Page 1 of {len(pdf.pages)}" in text
    assert empty_pages(response.content, f"Police and Crime Panel: {published.title}") == []


def test_without_chromium_the_pdf_says_so_and_points_to_the_printable_page(
        published, panel_client, settings):
    settings.CHROMIUM_PATH = "/nowhere/chromium"
    response = panel_client.get(reverse("panel_reports:pdf", args=[published.pk]))
    assert response.status_code == 503
    assert "The PDF cannot be made just now" in page_text(response)
    assert reverse("panel_reports:whole", args=[published.pk]) in response.content.decode()


def test_a_document_published_by_an_earlier_release_still_renders(panel_client, staff):
    """Published documents are never rebuilt: today's templates must still read one
    stored by earlier code (schema 1, with a PEEL part, charts and acronyms)."""
    import json
    from pathlib import Path

    snapshot = json.loads((Path(__file__).parent / "snapshots" / "report_schema1.json")
                          .read_text(encoding="utf-8"))
    report = Report.objects.create(
        period_start=SEP, period_end=DEC, reference_month=OCT_2023, status="published",
        snapshot=snapshot, published_at=datetime.datetime(2023, 12, 7, tzinfo=datetime.UTC),
        published_by=staff)
    pages = [reverse("panel_reports:contents", args=[report.pk]),
             reverse("panel_reports:whole", args=[report.pk])] + [
        reverse("panel_reports:part", args=[report.pk, part["slug"]])
        for part in snapshot["parts"]]
    text = " ".join(page_text(panel_client.get(url)) for url in pages)
    for expected in ("CCC recruiting.", "Cause of concern CoC 1", "Call Answered Volume", "2,000",
                     "Command Control Centre", "Recruit."):
        assert expected in text, expected


def test_publication_prints_the_pdf_once_for_every_reader(published, panel_client, worker,
                                                          monkeypatch):
    from oversight.core import pdf

    printed = []
    monkeypatch.setattr(pdf, "html_to_pdf", lambda html: printed.append(html) or b"%PDF-1.7")
    assert [ran.task for ran in worker()] == ["panel_reports.tasks.print_published_report"]
    assert len(printed) == 1
    for _ in range(2):
        response = panel_client.get(reverse("panel_reports:pdf", args=[published.pk]))
        assert response.content == b"%PDF-1.7"
    assert len(printed) == 1, "readers get the PDF printed at publication"


def test_past_the_printing_places_the_pdf_says_try_again_at_once(published, panel_client):
    from oversight.core import pdf
    from tests.locking import other_session

    with other_session() as session:
        for slot in range(pdf.settings.PDF_CONCURRENCY):
            session.execute("SELECT pg_advisory_lock(%s, %s)", [pdf.PRINT_LOCKS, slot])
        response = panel_client.get(reverse("panel_reports:pdf", args=[published.pk]))
    assert response.status_code == 503 and response["Retry-After"] == "60"
    assert "Other documents are being printed. Try again in a minute." in page_text(response)
    assert reverse("panel_reports:whole", args=[published.pk]) in response.content.decode()
