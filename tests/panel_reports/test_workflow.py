"""The report workflow (panel_reports/workflow.py): submitted, then published by the
lead or sent back with a comment; frozen once published, in the view and in the
database; corrected by a new version."""

import pytest
from django.db import ProgrammingError, connection, transaction
from django.urls import reverse

from panel_reports import workflow
from panel_reports.models import Report, ReportEvent
from panel_reports.workflow import WorkflowError
from tests.pages import page_text


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
    refused = pytest.raises(ProgrammingError, match="Cannot update or delete rows")
    with refused, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE panel_reports_report SET snapshot = '{}' WHERE id = %s",
                       [published.pk])


def test_a_submitted_report_waits_for_the_lead(draft, staff, staff_client):
    workflow.submit(draft, staff)
    url = reverse("panel_reports:section_edit", args=[draft.pk, 1])
    response = staff_client.post(url, {"outcomes": "x"}, follow=True)
    assert "waiting for approval" in page_text(response)
    with pytest.raises(WorkflowError, match="Only a draft can be submitted"):
        workflow.submit(draft, staff)


def test_a_correction_is_a_new_version_and_the_old_one_stays(
        published, kpi_data, staff, lead, panel_client, django_capture_on_commit_callbacks):
    new = workflow.start_correction(published, staff, "Abandonment rate restated.")
    assert (new.version, new.status, new.corrects) == (2, "draft", published)
    assert new.topic_pages.get().so_what == published.topic_pages.get().so_what
    with pytest.raises(WorkflowError, match="already been started"):
        workflow.start_correction(published, staff, "Again.")
    old_page = page_text(panel_client.get(published.get_absolute_url()))
    assert "corrected by" not in old_page  # not until the correction is published
    workflow.submit(new, staff)
    with django_capture_on_commit_callbacks(execute=True):  # forgets the kept pages
        workflow.publish(new, lead)
    old_page = page_text(panel_client.get(published.get_absolute_url()))
    assert "This version has been corrected by version 2" in old_page
    assert "Abandonment rate restated." in old_page
    assert "It corrects version 1" in page_text(panel_client.get(new.get_absolute_url()))
