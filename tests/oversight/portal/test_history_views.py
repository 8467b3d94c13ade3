"""Each record's own history page: every change to it (who, when, from where,
old → new, why), for those who may read that kind of record and its drafts."""

import pghistory
import pytest
from django.urls import reverse

from oversight.core.history import event_model
from oversight.core.roles import Role
from oversight.peel.models import Finding
from tests.conftest import sign_in
from tests.factories import BriefingFactory, FindingFactory, UserFactory
from tests.pages import page_text

pytestmark = pytest.mark.django_db


def history_url(record):
    return reverse("record_history", args=[event_model(type(record))._meta.label, record.pk])


def test_a_findings_history_shows_who_changed_what_old_to_new_and_why(client):
    finding = FindingFactory(reference="AFI 7", status="open")
    editor = UserFactory(role=Role.OPCC_STAFF, first_name="Ama", last_name="Boateng")
    with pghistory.context(user=editor.pk, reason="Evidence accepted by HMICFRS"):
        Finding.objects.filter(pk=finding.pk).update(status="closed")
    sign_in(client, UserFactory(role=Role.FORCE_OFFICER))  # reads PEEL, not the audit log
    detail = client.get(finding.get_absolute_url()).content.decode()
    assert history_url(finding) in detail
    text = page_text(client.get(history_url(finding)))
    assert "Ama Boateng" in text and "Evidence accepted by HMICFRS" in text
    assert "status: open → closed" in text and "Added" in text


@pytest.mark.parametrize(("role", "status"), [
    (Role.OPCC_STAFF, 200), (Role.FORCE_OFFICER, 403), (Role.PANEL_MEMBER, 403), (None, 302)])
def test_a_briefings_history_is_for_those_who_read_its_drafts(client_for, role, status):
    briefing = BriefingFactory(status="issued")  # its drafts are in its history
    response = client_for(role).get(history_url(briefing))
    assert response.status_code == status


def test_a_panel_member_reads_no_history_of_a_finding_or_a_report(panel_client):
    finding = FindingFactory()
    assert panel_client.get(history_url(finding)).status_code == 403


def test_an_unknown_kind_or_record_is_not_found(staff_client):
    assert staff_client.get(reverse("record_history", args=["oversight.Nothing", 1])
                            ).status_code == 404
    label = event_model(Finding)._meta.label
    assert staff_client.get(reverse("record_history", args=[label, 999999])).status_code == 404
