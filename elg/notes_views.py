"""A held meeting's notes for the public site: a copy started from its outcome
notes, redacted in Administration, then submitted and approved (Publishing)."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from elg.models import Meeting, PublishedNotes
from oversight.core.roles import Perm


@require_POST
@permission_required(Perm.WRITE_DRAFTS, raise_exception=True)
def prepare_published_notes(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting.objects.prefetch_related("outcome_notes"), pk=pk)
    notes, created = PublishedNotes.objects.get_or_create(meeting=meeting, defaults={
        "title": f"Executive Leadership Group: {meeting.topic}",
        "notes": "\n\n".join(note.text for note in meeting.outcome_notes.all())})
    if created:
        messages.success(request, "A copy of the notes is ready. Remove anything that must "
                                  "not be published, then submit it for approval.")
    return redirect(reverse("admin:elg_publishednotes_change", args=[notes.pk]))
