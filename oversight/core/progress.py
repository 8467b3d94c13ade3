"""A progress update, for anything whose progress the OPCC records (PEEL
findings, delivery-plan activities): the fields every update has, and the
one page that adds one and sets its subject's status."""

from typing import Any

import pgtrigger
from django.conf import settings
from django.contrib import messages
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from oversight.core.breadcrumbs import Crumb
from oversight.core.requests import signed_in_user

# What someone said stands: after the grace period an update cannot be
# edited or deleted, whatever writes to its table (a no-op save is let
# through). A correction is a new update naming the one it corrects.
GRACE = int(settings.STATEMENT_GRACE_MINUTES)
OLDER_THAN_GRACE = f"OLD.recorded_at < NOW() - INTERVAL '{GRACE} minutes'"
STANDS = [
    pgtrigger.Protect(name="update_stands_after_grace", operation=pgtrigger.Update,
                      condition=pgtrigger.Condition(
                          f"{OLDER_THAN_GRACE} AND OLD.* IS DISTINCT FROM NEW.*")),
    pgtrigger.Protect(name="update_kept_after_grace", operation=pgtrigger.Delete,
                      condition=pgtrigger.Condition(OLDER_THAN_GRACE)),
]


class StatementBase(models.Model):
    """A record of what someone said (a progress update, a meeting's note):
    who, when it was recorded, and the earlier one it corrects, if any."""

    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                               null=True, blank=True, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)
    corrects = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="corrections",
        help_text="The earlier update this one corrects (updates cannot be edited once "
        "the grace period has passed).")

    class Meta:
        abstract = True
        ordering = ["-recorded_at", "-pk"]
        triggers = STANDS


class ProgressUpdateBase(StatementBase):
    date = models.DateField()
    narrative = models.TextField("progress")

    class Meta(StatementBase.Meta):
        abstract = True
        ordering = ["-date", "-pk"]


def add_update_page(request: HttpRequest, subject: Any, form_class: type, *, done: str,
                    caption: str, about: str, breadcrumbs: list[Crumb]) -> HttpResponse:
    """The form for a progress update on `subject`; saved, it sets the
    subject's status (ProgressFormMixin) and returns to the subject."""
    form = form_class(request.POST or None, initial={
        "date": timezone.localdate(), "status": subject.status})
    if form.is_valid():
        form.save_for(subject, signed_in_user(request))
        messages.success(request, done)
        return redirect(subject)
    context = {"form": form, "caption": caption, "subject": about, "breadcrumbs": breadcrumbs}
    return render(request, "oversight/update_form.html", context)
