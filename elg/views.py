"""ELG pages: the schedule and its calendar feed, a meeting and its outcome,
and the actions log."""

from collections.abc import Iterable
from datetime import date
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, permission_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET
from django_tables2 import RequestConfig

from elg import calendar, services
from elg.evidence import actions_arising
from elg.forms import ActionFilterForm, ActionFormSet, MeetingForm, OutcomeForm
from elg.half_years import HalfYear
from elg.models import Action, CalendarFeed, Meeting, MeetingStatus, Owner
from elg.tables import ActionTable, ScheduleTable
from oversight.core.breadcrumbs import section
from oversight.core.downloads import attachment
from oversight.core.requests import signed_in_user
from oversight.core.roles import Perm

READ = permission_required(Perm.READ_ELG, raise_exception=True)
MANAGE = permission_required(Perm.MANAGE_MEETINGS, raise_exception=True)


crumbs = section("ELG meetings", "elg:schedule")


def schedule_url(half: HalfYear) -> str:
    return f"{reverse('elg:schedule')}?half={half.key}"


def half_years() -> list[HalfYear]:
    keys = Meeting.objects.order_by().values_list("half_year", flat=True).distinct()
    return sorted(HalfYear.parse(key) for key in keys)


def default_half(halves: list[HalfYear], today: date) -> HalfYear:
    """The half-year of the next meeting; else the latest with meetings; else today's."""
    upcoming = Meeting.objects.filter(date__gte=today).order_by("date").first()
    if upcoming:
        return upcoming.half
    return halves[-1] if halves else HalfYear.of(today)


@READ
def schedule(request: HttpRequest) -> HttpResponse:
    halves = half_years()
    try:
        half = HalfYear.parse(request.GET["half"]) if "half" in request.GET else None
    except ValueError:
        raise Http404("No such half-year") from None
    half = half or default_half(halves, timezone.localdate())
    meetings = Meeting.objects.filter(half_year=half.key)
    table = ScheduleTable(meetings, caption=f"{half.label} schedule of ELG meeting topics")
    context = {"half": half, "halves": halves, "table": table,
               "breadcrumbs": crumbs()[:1]}
    return render(request, "elg/schedule.html", context)


def calendar_response(request: HttpRequest, meetings: Iterable[Meeting]) -> HttpResponse:
    stamp = timezone.now()
    events = [calendar.event(m, stamp, request.build_absolute_uri(m.get_absolute_url()))
              for m in meetings]
    response = HttpResponse(calendar.calendar(events), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return attachment(response, "elg-meetings.ics")


@READ
def calendar_feed(request: HttpRequest) -> HttpResponse:
    return calendar_response(request, Meeting.objects.all())


@login_not_required
@require_GET
def subscribed_calendar(request: HttpRequest, token: str) -> HttpResponse:
    """The schedule at a person's secret address, for calendar programs: it
    needs no session, only a live address whose owner may still read ELG."""
    feed = CalendarFeed.objects.for_token(token)
    if feed is None or not feed.user.has_perm(Perm.READ_ELG):
        raise Http404("No such calendar")
    return calendar_response(request, Meeting.objects.all())


@READ
def calendar_subscription(request: HttpRequest) -> HttpResponse:
    """Get, replace or revoke one's secret calendar address."""
    token = None
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            CalendarFeed.objects.filter(user=signed_in_user(request)).delete()
            messages.success(request, "Your calendar address no longer works.")
            return redirect("elg:subscription")
        token = CalendarFeed.issue(signed_in_user(request))
    address = (request.build_absolute_uri(reverse("elg:subscribed_calendar", args=[token]))
               if token else None)
    context = {"address": address, "breadcrumbs": crumbs(),
               "has_feed": CalendarFeed.objects.filter(user=signed_in_user(request)).exists()}
    return render(request, "elg/subscription.html", context)


def arising_table(meeting: Meeting, today: date) -> ActionTable:
    return ActionTable(actions_arising(meeting), today,
                       caption="Actions arising from earlier meetings")


def meeting_with_parts(pk: int) -> Meeting:
    return get_object_or_404(
        Meeting.objects.select_related("published_notes").prefetch_related(
            "objectives", "assurances__objective", "actions", "outcome_notes__author",
            "outcome_notes__corrects"),
        pk=pk)


@READ
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_with_parts(pk)
    briefing = getattr(meeting, "briefing", None)
    today = timezone.localdate()
    context = {
        "meeting": meeting,
        "meeting_over": meeting.date < today,  # its dashboard link: as known on the day
        "briefing": briefing if briefing and briefing.visible_to(request.user) else None,
        "arising": arising_table(meeting, today),
        "actions": ActionTable(meeting.actions.all(), today, exclude=("meeting",),
                               caption="Actions arising from this meeting"),
        "breadcrumbs": crumbs((meeting.half.label, schedule_url(meeting.half))),
    }
    return render(request, "elg/meeting_detail.html", context)


@MANAGE
def meeting_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    meeting = get_object_or_404(Meeting, pk=pk) if pk else None
    form = MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            meeting = form.save()
        messages.success(request, f"Saved the meeting on {meeting.date:%-d %B %Y}.")
        return redirect(meeting)
    context = {"form": form, "meeting": meeting, "breadcrumbs": crumbs()}
    return render(request, "elg/meeting_form.html", context)


@MANAGE
def outcome(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_with_parts(pk)
    data = request.POST or None
    form = OutcomeForm(data, meeting=meeting, initial={"status": MeetingStatus.HELD})
    actions = ActionFormSet(data, instance=meeting, prefix="actions")
    if request.method == "POST" and form.is_valid() and actions.is_valid():
        services.record_outcome(meeting, status=form.cleaned_data["status"],
                                note=form.cleaned_data["note"],
                                corrects=form.cleaned_data.get("corrects"),
                                author=signed_in_user(request), ratings=form.ratings(),
                                actions=actions)
        messages.success(request, "Saved the meeting's outcome.")
        return redirect(meeting)
    context = {"meeting": meeting, "form": form, "actions": actions,
               "breadcrumbs": crumbs((f"{meeting.date:%-d %B %Y}", meeting.get_absolute_url()))}
    return render(request, "elg/outcome_form.html", context)


@READ
def actions_log(request: HttpRequest) -> HttpResponse:
    form = ActionFilterForm(request.GET or None)
    actions, today = form.actions(timezone.localdate())
    shown = form.wanted("show", "open")
    kept = {key: form.wanted(key) for key in ("organisation", "as_of") if form.wanted(key)}
    whose = {Owner.FORCE: "the force", Owner.OPCC: "the OPCC"}.get(form.wanted("organisation"))
    caption = f"{form.FILTERS[shown]} actions" + (f" assigned to {whose}" if whose else "")
    table = ActionTable(actions, today, caption=caption)
    RequestConfig(request, paginate={"per_page": 50}).configure(table)
    context = {"table": table, "shown": shown, "filters": form.FILTERS,
               "kept": urlencode(kept), "today": today, "dated": "as_of" in kept,
               "overdue": Action.objects.overdue(today).count(), "breadcrumbs": crumbs()}
    return render(request, "elg/actions.html", context)
