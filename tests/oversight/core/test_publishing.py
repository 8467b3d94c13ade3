"""Publishing through approval (oversight/core/publishing.py): submitted, then
published by someone else or sent back with a comment; each publication a
frozen version; a change after publication is a draft until approved."""

import pytest
from django.db import ProgrammingError, transaction

from oversight.core import publishing
from oversight.core.publications import Publication, Publishing
from oversight.core.publishing import PublishingError
from tests.publications import decision, published_decision


def test_only_a_submitted_record_is_published_and_by_someone_else(staff, lead):
    found = decision("2026/002", "Estates strategy")
    with pytest.raises(PublishingError, match="Submit this for approval"):
        publishing.publish(found, lead)
    publishing.submit(found, staff)
    with pytest.raises(PublishingError, match="someone else must publish it"):
        publishing.publish(found, staff)
    publication = publishing.publish(found, lead)
    found.refresh_from_db()
    assert found.publishing == Publishing.PUBLISHED
    assert (publication.kind, publication.key, publication.version) == (
        "decisions", "2026-002", 1)
    assert publication.document["title"] == "Estates strategy"
    assert (publication.submitted_by, publication.published_by) == (staff, lead)


def test_sending_back_needs_a_comment_and_keeps_it(staff, lead):
    found = decision("2026/003", "Custody contract")
    publishing.submit(found, staff)
    with pytest.raises(PublishingError, match="needs a comment"):
        publishing.send_back(found, lead, "  ")
    publishing.send_back(found, lead, "Give the contract's value.")
    found.refresh_from_db()
    assert (found.publishing, found.sent_back_comment) == (
        Publishing.DRAFT, "Give the contract's value.")


def test_a_change_is_a_new_version_and_the_first_stands(staff, lead):
    public_decision = published_decision(staff, lead, "2026/001", "Funding for Safer Streets")
    public_decision.title = "Funding for Safer Streets, corrected"
    publishing.changed(public_decision)
    public_decision.save()
    assert Publication.objects.current().get().version == 1  # not yet approved
    publishing.submit(public_decision, staff)
    publishing.publish(public_decision, lead)
    current = Publication.objects.current().get()
    assert (current.version, current.title) == (
        2, "2026/001: Funding for Safer Streets, corrected")
    first = Publication.objects.get(version=1)
    with pytest.raises(ProgrammingError, match="publications_stand"), transaction.atomic():
        Publication.objects.filter(pk=first.pk).update(title="Rewritten")
    with pytest.raises(ProgrammingError, match="publications_stand"), transaction.atomic():
        first.delete()


def test_a_one_person_office_may_publish_its_own(settings, staff):
    settings.ALLOW_PUBLISHING_OWN_SUBMISSION = True
    found = decision("2026/004", "Rural crime team")
    publishing.submit(found, staff)
    assert publishing.publish(found, staff).version == 1
