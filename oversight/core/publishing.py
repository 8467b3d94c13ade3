"""How a record reaches the public site: submitted for approval, sent back with
a comment or published by someone else (segregation of duties, as for panel
reports). Who may do each is checked by the views; what state allows it is
checked here, with the message users see."""

import json
from datetime import datetime
from typing import Any, TypeVar

from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from oversight.core.public_cache import forget_kept_pages
from oversight.core.publications import Publication, Publishable, Publishing

P = TypeVar("P", bound=Publishable)


class PublishingError(Exception):
    """A step the record's state does not allow; the message says why."""


def check_second_person(submitter: int | None, user: User) -> None:
    """Whoever submitted something for approval cannot also approve it (unless
    a one-person office says so: ALLOW_PUBLISHING_OWN_SUBMISSION)."""
    if submitter == user.pk and not settings.ALLOW_PUBLISHING_OWN_SUBMISSION:
        raise PublishingError("You submitted this, so someone else must publish it: "
                              "what is published is approved by a second person.")


@transaction.atomic
def submit(record: P, user: User) -> None:
    record = _locked(record)
    if record.publishing == Publishing.SUBMITTED:
        raise PublishingError("This is already waiting for approval.")
    if record.publishing == Publishing.PUBLISHED:
        raise PublishingError("This is published as it stands: change it first.")
    record.publishing, record.submitted_by, record.sent_back_comment = (
        Publishing.SUBMITTED, user, "")
    record.save(update_fields=["publishing", "submitted_by", "sent_back_comment"])


@transaction.atomic
def send_back(record: P, user: User, comment: str) -> None:
    record = _locked(record)
    if record.publishing != Publishing.SUBMITTED:
        raise PublishingError("Only something submitted for approval can be sent back.")
    if not comment.strip():
        raise PublishingError("Say what needs changing: sending back needs a comment.")
    record.publishing, record.sent_back_comment = Publishing.DRAFT, comment.strip()
    record.save(update_fields=["publishing", "sent_back_comment"])


@transaction.atomic
def publish(record: P, user: User, at: datetime | None = None) -> Publication:
    """Freeze the record's public document as its next published version."""
    record = _locked(record)
    if record.publishing != Publishing.SUBMITTED:
        raise PublishingError("Submit this for approval before publishing it: only "
                              "something submitted can be published.")
    submitter = record.submitted_by_id
    assert submitter is not None  # a submitted record says who submitted it
    check_second_person(submitter, user)
    kind, key = record.public_kind, record.public_key()
    last = Publication.objects.filter(kind=kind, key=key).aggregate(v=Max("version"))["v"]
    publication = Publication.objects.create(
        kind=kind, key=key, version=(last or 0) + 1, title=record.public_title(),
        document=plain(record.public_document()),
        source_type=ContentType.objects.get_for_model(record), source_id=record.pk,
        submitted_by_id=submitter, published_by=user,
        published_at=at or timezone.now())
    record.publishing = Publishing.PUBLISHED
    record.save(update_fields=["publishing"])
    record.after_publishing(timezone.localdate(publication.published_at))
    transaction.on_commit(forget_kept_pages)
    return publication


def changed(record: Publishable) -> None:
    """A published or submitted record was edited: it is a draft again, so the
    change is approved before it is published."""
    record.publishing = Publishing.DRAFT


def plain(document: dict[str, Any]) -> dict[str, Any]:
    """JSON types only, as stored."""
    loaded: dict[str, Any] = json.loads(json.dumps(document, cls=DjangoJSONEncoder))
    return loaded


def published_versions(record: Publishable) -> list[Publication]:
    return list(Publication.objects.filter(
        source_type=ContentType.objects.get_for_model(record), source_id=record.pk)
        .order_by("-version"))


def _locked(record: P) -> P:
    locked: P = type(record).objects.select_for_update().get(pk=record.pk)  # type: ignore[attr-defined]
    return locked
