"""The schedule builder: propose a half-year's meetings, review, then save.

Three steps in one page, with nothing stored until the last: the settings
(half-year, dates, rotation) travel with the proposal as hidden fields.
"""

from collections.abc import Iterable

from django.contrib import messages
from django.db import IntegrityError
from django.forms import BaseFormSet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from elg import services
from elg.forms import ProposalFormSet, ScheduleStartForm
from elg.models import REVIEW_TOPIC
from elg.schedule import ProposedMeeting, deal_topics, propose
from elg.views import MANAGE, crumbs, schedule_url


def proposal_initial(rows: Iterable[ProposedMeeting]) -> list[dict]:
    return [{"date": row.date, "kind": row.kind, "topic": row.topic} for row in rows]


@MANAGE
def build_schedule(request: HttpRequest) -> HttpResponse:
    step = request.POST.get("step") if request.method == "POST" else None
    start = ScheduleStartForm(request.POST if step else None, prefix="start")
    proposal = None
    if step and start.is_valid():
        settings = start.cleaned_data
        if step == "propose":
            rows = propose(settings["meeting_dates"], settings["rotation"], REVIEW_TOPIC)
            proposal = ProposalFormSet(initial=proposal_initial(rows), prefix="meeting")
        else:
            proposal = ProposalFormSet(request.POST, prefix="meeting")
            if step == "redeal":
                proposal = redealt(proposal, settings["rotation"])
            elif proposal.is_valid():
                return save_schedule(request, settings, proposal)
    context = {"start": start, "proposal": proposal, "breadcrumbs": crumbs()}
    return render(request, "elg/schedule_builder.html", context)


def redealt(proposal: BaseFormSet, rotation: list[str]) -> BaseFormSet:
    """The rotation dealt out again to the rows now marked as scrutiny, in date order."""
    for form in proposal.forms:
        form.is_valid()  # a topic that no longer fits its kind is about to be replaced
    rows = [form.cleaned_data for form in proposal.forms]
    if any("date" not in row or "kind" not in row for row in rows):
        return proposal  # show the date errors first
    rows = sorted((row for row in rows if not row.get("remove")), key=lambda row: row["date"])
    topics = deal_topics([row["kind"] for row in rows], rotation, REVIEW_TOPIC)
    initial = [{"date": row["date"], "kind": row["kind"], "topic": topic}
               for row, topic in zip(rows, topics, strict=True)]
    return ProposalFormSet(initial=initial, prefix="meeting")


def save_schedule(request: HttpRequest, settings: dict, proposal: BaseFormSet) -> HttpResponse:
    half = settings["half_year"]
    kept = [row for row in proposal.cleaned_data if row and not row.get("remove")]
    try:
        services.save_schedule(half, kept, starts_at=settings["starts_at"],
                               place=settings["place"])
    except IntegrityError:
        # Someone saved a meeting on one of these dates since the check.
        messages.error(request, "Another meeting was saved on one of these dates just now. "
                       "Check the proposal and save again.")
        context = {"start": ScheduleStartForm(request.POST, prefix="start"),
                   "proposal": ProposalFormSet(request.POST, prefix="meeting"),
                   "breadcrumbs": crumbs()}
        return render(request, "elg/schedule_builder.html", context)
    messages.success(request, f"Saved {len(kept)} ELG meetings for {half.label}.")
    return redirect(schedule_url(half))
