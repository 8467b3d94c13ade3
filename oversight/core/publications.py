"""What the public site shows: a record is drafted, submitted for approval and
published by a second person, as a highlight report is. Publishing freezes
the record's public document as a Publication. The public site reads
Publications (and published reports' snapshots) alone, so nothing unpublished
can reach it; a later edit is a new version, published the same way."""

from datetime import date
from typing import Any, ClassVar

import pgtrigger
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models

from oversight.core.history import audited


class Publishing(models.TextChoices):
    DRAFT = "draft", "Draft: not published"
    SUBMITTED = "submitted", "Submitted for approval"
    PUBLISHED = "published", "Published"


class Publishable(models.Model):
    """A record the public site shows once it is approved. Changing it after
    publication makes it a draft again: the published copy stays as it was
    until the change is approved."""

    publishing = models.CharField("publication", max_length=20, choices=Publishing.choices,
                                  default=Publishing.DRAFT, editable=False)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+",
                                     editable=False)
    sent_back_comment = models.TextField(blank=True, editable=False)

    # The public site's section for the record's kind, and a stable address
    # within it: public_key() never changes once published.
    public_kind: ClassVar[str]
    public_kind_name: ClassVar[str]
    # What public_key() and public_title() read, fetched with a list of them.
    public_related: ClassVar[tuple[str, ...]] = ()

    class Meta:
        abstract = True

    def public_key(self) -> str:
        return str(self.pk)

    def public_title(self) -> str:
        return str(self)

    def public_document(self) -> dict[str, Any]:
        """Everything the public page shows, as JSON-ready data."""
        raise NotImplementedError

    def after_publishing(self, published_on: date) -> None:
        """What else changes when the record is published (nothing, unless said)."""

    @property
    def is_submitted(self) -> bool:
        return self.publishing == Publishing.SUBMITTED


def publishable_kinds() -> dict[str, type[Publishable]]:
    """Every kind of record published through approval, by its public_kind."""
    return {model.public_kind: model for model in apps.get_models()
            if issubclass(model, Publishable)}


class PublicationQuerySet(models.QuerySet):
    def current(self) -> "PublicationQuerySet":
        """Each record's latest published version."""
        latest = models.Subquery(Publication.objects.filter(
            kind=models.OuterRef("kind"), key=models.OuterRef("key"))
            .order_by("-version").values("version")[:1])
        return self.filter(version=latest)

    def of_kind(self, kind: str) -> "PublicationQuerySet":
        return self.filter(kind=kind)


@audited()
class Publication(models.Model):
    """A published version of a record, exactly as the public site shows it."""

    kind = models.CharField(max_length=40)
    key = models.CharField(max_length=100)
    version = models.PositiveSmallIntegerField(default=1)
    title = models.CharField(max_length=300)
    document = models.JSONField()
    source_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    source_id = models.PositiveBigIntegerField()
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="+")
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="+")
    published_at = models.DateTimeField()

    objects = PublicationQuerySet.as_manager()

    class Meta:
        app_label = "oversight"
        ordering = ["kind", "key", "-version"]
        constraints = [models.UniqueConstraint(fields=["kind", "key", "version"],
                                               name="one_publication_version")]
        # What was published stays published as it was, whatever writes to the
        # table: a change is a new version.
        triggers = [pgtrigger.Protect(name="publications_stand",
                                      operation=pgtrigger.Update | pgtrigger.Delete)]

    def __str__(self) -> str:
        return f"{self.title} (version {self.version})" if self.version > 1 else self.title
