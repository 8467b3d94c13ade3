"""Nothing unpublished ever reaches the public site: a visitor who is not signed
in walks every public address, in every format, and finds the published
records but never a draft's title, text or figures, nor data changed since
publication."""

from datetime import date

import pytest
from django.test import Client

from oversight.core import publishing
from panel_reports import workflow
from panel_reports.models import AnnualReport, Report
from scorecard.models import MonthlyValue
from tests.factories import InspectionFactory, MeetingFactory, RecommendationFactory
from tests.panel_reports.reports import DEC
from tests.public_walk import walk
from tests.publications import decision, published_records

DRAFT_TEXT = ["Zanzibar draft assessment", "Quokka decision", "Submitted pangolin",
              "Corrected wombat title", "Correction of the narwhal", "Axolotl progress",
              "Draft ocelot response", "Redacted okapi name"]
LATER_FIGURE = 987654


@pytest.fixture
def unpublished(published, staff, lead, public_decision):
    draft = workflow.create_draft(Report(period_start=DEC, period_end=date(2024, 3, 1),
                                         reference_month=published.reference_month), staff)
    draft.assessment = DRAFT_TEXT[0]
    draft.save()
    decision("2026/010", DRAFT_TEXT[1])
    publishing.submit(decision("2026/011", DRAFT_TEXT[2]), staff)
    public_decision.title = DRAFT_TEXT[3]
    publishing.changed(public_decision)
    public_decision.save()
    workflow.start_correction(published, staff, DRAFT_TEXT[4])
    MonthlyValue.objects.filter(month=published.reference_month).update(value=LATER_FIGURE)
    finding = RecommendationFactory(inspection=InspectionFactory(title="PEEL 2023/25"))
    records = published_records(finding, MeetingFactory())
    AnnualReport.objects.create(year_start=date(2024, 4, 1), progress=DRAFT_TEXT[5])
    response = records["inspection"]
    response.comments = DRAFT_TEXT[6]
    publishing.changed(response)
    response.save()
    notes = records["meeting_note"]
    notes.notes = f"Kept: {DRAFT_TEXT[7]}"
    publishing.changed(notes)
    notes.save()
    return draft


@pytest.mark.usefixtures("unpublished")
def test_a_visitor_finds_every_published_record_and_no_draft(published, pdf_printer):
    pages = walk(Client())
    kinds = {url.rsplit(".", 1)[-1] if "." in url.rsplit("/", 1)[-1] else "html"
             for url in pages}
    assert kinds == {"html", "pdf", "csv", "json", "css"}
    for section in ["annual-reports", "national-priorities", "complaints", "inspections",
                    "meeting-notes", "what-we-publish", "performance"]:
        assert f"/public/{section}/" in pages
    everything = "\n".join(pages.values())
    assert published.title in everything
    assert "Funding for the Safer Streets scheme" in everything
    assert f"/public/reports/{published.pk}/parts/acronyms/" in pages
    for text in DRAFT_TEXT:
        assert text not in everything, text
    for figure in (f"{LATER_FIGURE:,}", str(LATER_FIGURE)):
        assert figure not in everything


def test_a_draft_report_or_decision_is_not_found(draft, staff):
    client = Client()
    assert client.get(f"/public/reports/{draft.pk}/").status_code == 404
    assert client.get(f"/public/reports/{draft.pk}/document.pdf").status_code == 404
    decision("2026/012", "Not yet")
    assert client.get("/public/decisions/2026-012/").status_code == 404
