"""Highlight reports: built from the scorecard, approved and published, frozen
once published, corrected by a new version; bad steps refused with plain
messages; drafts unseen by panel members; published pages computed once."""

import datetime

import pytest
from django.db import InternalError, connection, transaction
from django.urls import reverse

from oversight.core.roles import Role
from oversight.plan.models import Priority
from panel_reports import document, workflow
from panel_reports.models import Acronym, Report, ReportEvent
from panel_reports.workflow import WorkflowError
from scorecard.models import MonthlyValue
from tests.factories import MeasureFactory, UserFactory
from tests.pages import cells, page_text, queries_of
from tests.scorecard_data import OCT_2023, put_values

SEP, DEC = datetime.date(2023, 9, 1), datetime.date(2023, 12, 1)


@pytest.fixture
def staff(db):
    return UserFactory(role=Role.OPCC_STAFF)


@pytest.fixture
def lead(db):
    return UserFactory(role=Role.OPCC_LEAD)


@pytest.fixture
def draft(current_plan, kpi_data, staff):
    return workflow.create_draft(
        Report(period_start=SEP, period_end=DEC, reference_month=OCT_2023), staff)


@pytest.fixture
def published(draft, staff, lead):
    workflow.submit(draft, staff)
    return workflow.publish(draft, lead)


def topic_url(report, kpi_data):
    return reverse("panel_reports:part", args=[report.pk, f"topic-{kpi_data['topic'].code}"])


def kpi_cells(response):
    return {row[0]: row for row in cells(response) if row and row[0].startswith(
        ("Call Answered", "Abandonment", "Average Time"))}


def test_a_draft_starts_from_the_plan_and_the_scorecard(draft, kpi_data):
    assert [s.priority.number for s in draft.sections.all()] == [1]
    page = draft.topic_pages.get()
    assert page.topic == kpi_data["topic"]
    # SO WHAT starts from the data summary, its figures written as tokens.
    assert "Call Answered Volume: 999 is recording a year-on-year increase of " \
           "[[CALLS:change]]." in page.so_what
    assert "[[WAIT/COUNTY:month]]" in page.so_what


def test_so_what_tokens_render_as_the_tables_figures(draft, kpi_data, staff_client):
    url = reverse("panel_reports:topic_edit", args=[draft.pk, kpi_data["topic"].code])
    text = ("- Calls rose [[CALLS:year_on_year]] to [[CALLS:month]].\n"
            "- Abandonment [[ABANDON:month]], [[ABANDON:change]] on last year.\n"
            "- County waits [[WAIT/COUNTY:month]].")
    response = staff_client.post(url, {"so_what": text, "now_what": "Recruit.",
                                       "show_charts": "no"})
    assert response.status_code == 302
    page = page_text(staff_client.get(topic_url(draft, kpi_data)))
    assert "Calls rose 17.5% to 2,000." in page
    assert "Abandonment 1.0%, 0.0 percentage points on last year." in page
    assert "County waits 00:11:40." in page
    table = kpi_cells(staff_client.get(topic_url(draft, kpi_data)))
    assert table["Call Answered Volume: 999"][2] == "2,000"
    assert table["Call Answered Volume: 999"][5] == "17.5%"


@pytest.mark.parametrize(("token", "message"), [
    ("[[CALS:month]]", "[[CALS:month]]: measure CALS is not in this report."),
    ("[[CALLS:latest]]", "[[CALLS:latest]] names no figure “latest”"),
    ("[[CALLS month]]", "[[CALLS month]] is not a figure token"),
])
def test_a_bad_token_is_refused_with_a_message_naming_it(draft, kpi_data, staff_client, token,
                                                          message):
    page = draft.topic_pages.get()
    url = reverse("panel_reports:topic_edit", args=[draft.pk, kpi_data["topic"].code])
    response = staff_client.post(url, {"so_what": f"Calls were {token}.", "now_what": "",
                                       "show_charts": "no"})
    assert response.status_code == 200
    assert message in page_text(response)
    page.refresh_from_db()
    assert token not in page.so_what  # nothing saved


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


def test_publishing_without_approval_is_refused(draft, lead_client, staff_client):
    url = reverse("panel_reports:publish", args=[draft.pk])
    assert staff_client.post(url).status_code == 403  # only the lead publishes
    response = lead_client.post(url, follow=True)
    assert "Submit the report for approval before publishing it" in page_text(response)
    draft.refresh_from_db()
    assert draft.status == Report.Status.DRAFT and draft.snapshot is None


def test_the_lead_publishes_a_submitted_report(draft, staff_client, lead_client):
    staff_client.post(reverse("panel_reports:submit", args=[draft.pk]))
    lead_client.post(reverse("panel_reports:publish", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.status == Report.Status.PUBLISHED
    assert [p["kind"] for p in draft.snapshot["parts"]] == [
        "priority", "topic", "forward_plan", "glossary"]
    assert list(draft.events.values_list("action", flat=True)) == ["published", "submitted"]


def test_sending_back_needs_a_comment(draft, staff, lead_client):
    workflow.submit(draft, staff)
    url = reverse("panel_reports:send_back", args=[draft.pk])
    response = lead_client.post(url, {"comment": "   "})
    assert "Say what needs changing: sending a report back needs a comment." in \
        page_text(response)
    draft.refresh_from_db()
    assert draft.status == Report.Status.SUBMITTED
    lead_client.post(url, {"comment": "Add the burglary figures."})
    draft.refresh_from_db()
    assert draft.status == Report.Status.DRAFT
    assert draft.events.first().comment == "Add the burglary figures."


def test_a_sent_back_event_without_a_comment_cannot_be_stored(draft, lead):
    with pytest.raises(Exception, match="sending_back_has_a_comment"), transaction.atomic():
        ReportEvent.objects.create(report=draft, action="sent_back", by=lead)


def test_editing_a_published_report_is_refused(published, staff_client):
    url = reverse("panel_reports:section_edit", args=[published.pk, 1])
    response = staff_client.post(url, {"outcomes": "Changed", "focus": "", "risks": ""},
                                 follow=True)
    assert "This report is published and cannot be changed" in page_text(response)
    assert published.sections.get().outcomes == ""
    response = staff_client.get(reverse("panel_reports:edit", args=[published.pk]))
    assert response.status_code == 302


def test_the_database_refuses_to_change_a_published_report(published):
    with pytest.raises(InternalError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE panel_reports_report SET snapshot = '{}' WHERE id = %s",
                       [published.pk])


def test_a_submitted_report_waits_for_the_lead(draft, staff, staff_client):
    workflow.submit(draft, staff)
    url = reverse("panel_reports:section_edit", args=[draft.pk, 1])
    response = staff_client.post(url, {"outcomes": "x"}, follow=True)
    assert "waiting for approval" in page_text(response)
    with pytest.raises(WorkflowError, match="Only a draft can be submitted"):
        workflow.submit(draft, staff)


def test_a_correction_is_a_new_version_and_the_old_one_stays(published, kpi_data, staff,
                                                              lead, panel_client):
    new = workflow.start_correction(published, staff, "Abandonment rate restated.")
    assert (new.version, new.status, new.corrects) == (2, "draft", published)
    assert new.topic_pages.get().so_what == published.topic_pages.get().so_what
    with pytest.raises(WorkflowError, match="already been started"):
        workflow.start_correction(published, staff, "Again.")
    old_page = page_text(panel_client.get(published.get_absolute_url()))
    assert "corrected by" not in old_page  # not until the correction is published
    workflow.submit(new, staff)
    workflow.publish(new, lead)
    old_page = page_text(panel_client.get(published.get_absolute_url()))
    assert "This version has been corrected by version 2" in old_page
    assert "Abandonment rate restated." in old_page
    assert "It corrects version 1" in page_text(panel_client.get(new.get_absolute_url()))


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


def test_acronyms_are_explained_at_first_use_and_listed_at_the_end(draft, staff):
    Acronym.objects.create(acronym="CCC", meaning="Command Control Centre")
    Acronym.objects.create(acronym="ELG", meaning="Executive Leadership Group")
    draft.sections.update(outcomes="CCC recruitment.\nMore CCC staff.")
    parts = document.build(draft)["parts"]
    outcomes = parts[0]["outcomes"]
    assert outcomes[0][0] == ["CCC", "Command Control Centre"]
    assert outcomes[1] == [["More CCC staff.", None]]
    assert parts[-1]["entries"] == [{"acronym": "CCC", "meaning": "Command Control Centre"}]


def test_deliverables_are_shown_with_their_status_at_the_periods_end(draft, staff_client):
    response = staff_client.get(reverse("panel_reports:part", args=[draft.pk, "priority-1"]))
    table = cells(response)
    assert table[0] == ["Action", "Date due", "Progress", "Status at 31 December 2023"]
    assert len(table) == 2  # the current plan's one deliverable


@pytest.mark.parametrize("name", ["contents", "whole", "part"])
def test_a_published_page_reads_the_snapshot_only(published, kpi_data, panel_client,
                                                   monkeypatch, name):
    args = [published.pk] + ([f"topic-{kpi_data['topic'].code}"] if name == "part" else [])
    url = reverse(f"panel_reports:{name}", args=args)
    small = queries_of(panel_client, url)
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

    monkeypatch.setattr("scorecard.figures.compute", no_statistics)
    monkeypatch.setattr(document, "build", no_statistics)
    args = [bigger.pk] + args[1:]
    assert queries_of(panel_client, reverse(f"panel_reports:{name}", args=args)) == small
    # Sign-in and session (8) and the report's own row (1): nothing per part.
    assert small == 9


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


def test_building_a_draft_reads_in_a_bounded_number_of_queries(draft, kpi_data, staff):
    from django.test.utils import CaptureQueriesContext

    from scorecard.models import ComparatorValue

    def build_queries(report):
        document.build(report)  # figures computed and cached
        with CaptureQueriesContext(connection) as captured:
            document.build(report)
        return len(captured)

    small = build_queries(draft)
    for _ in range(5):  # more topics, each with a comparison with other forces
        measure = MeasureFactory(areas=[kpi_data["areas"][0]])
        put_values(measure, kpi_data["areas"][0], [5] * 24)
        ComparatorValue.objects.create(
            measure=measure, comparator="national", period_start=datetime.date(2023, 4, 1),
            period_end=datetime.date(2023, 6, 1), value=3)
        ComparatorValue.objects.create(
            measure=measure, comparator="force", period_start=datetime.date(2023, 4, 1),
            period_end=datetime.date(2023, 6, 1), value=4)
    bigger = workflow.create_draft(Report(period_start=datetime.date(2023, 6, 1),
                                          period_end=DEC, reference_month=OCT_2023), staff)
    assert sum(bool(p.get("comparisons")) for p in document.build(bigger)["parts"]) == 5
    assert build_queries(bigger) == small
