"""Each role's home page: the work waiting for the person signed in.

A home page is a list of panels. Each panel names the permission its content
needs, and is left out for anyone without it, whatever their role, so a home
page never shows what its reader may not open. Each panel reads a bounded
number of queries.
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db.models import Prefetch
from django.urls import reverse

from elg.models import Action, Briefing, Meeting, MeetingStatus, Owner
from oversight.core.publications import Publishing, publishable_kinds
from oversight.core.roles import Perm, Role, role_of
from oversight.transparency.duties import needing_attention
from panel_reports.meeting_views import upcoming_meetings
from panel_reports.models import Report
from scorecard import freshness
from scorecard.models import Topic

OPEN_ACTIONS_SHOWN = 10


@dataclass
class DueReturn:
    """A topic's monthly return still lacking values for the expected month."""

    topic: Topic
    month: date
    missing: int = 0  # measure × area rows without the month

    @property
    def url(self) -> str:
        return reverse("scorecard:return_form", args=[self.topic.pk, f"{self.month:%Y-%m}"])


def returns_due(user: User, today: date) -> dict:
    expected = freshness.expected_month(today.replace(day=1))
    due: dict[int, DueReturn] = {}
    for row in freshness.latest_months(expected):
        if row.missing:
            topic = row.measure.topic
            due.setdefault(topic.pk, DueReturn(topic, expected)).missing += 1
    return {"expected": expected, "due": list(due.values())}


def my_drafts(user: User, today: date) -> dict:
    return {"reports": list(Report.objects.filter(
        status=Report.Status.DRAFT, created_by=user).order_by("-period_end", "-version"))}


def awaiting_approval(user: User, today: date) -> dict:
    return {"reports": list(Report.objects.filter(status=Report.Status.SUBMITTED)
                            .order_by("period_end", "version")),
            "publications": sum(
                model._default_manager.filter(publishing=Publishing.SUBMITTED).count()
                for model in publishable_kinds().values())}


def duties_due(user: User, today: date) -> dict:
    return {"occasions": needing_attention(today), "today": today}


def _open_actions(organisation: str, today: date) -> dict:
    """The first of the open actions the actions log lists for `organisation`
    (the same filter, so the count is the log's)."""
    actions = Action.objects.in_log("open", organisation, today)
    return {"actions": list(actions[:OPEN_ACTIONS_SHOWN]), "count": actions.count(),
            "organisation": organisation, "today": today}


def opcc_actions(user: User, today: date) -> dict:
    return _open_actions(Owner.OPCC, today)


def force_actions(user: User, today: date) -> dict:
    return _open_actions(Owner.FORCE, today)


def next_elg_meeting(user: User, today: date) -> dict:
    """The next meeting, and its briefing if the reader may open it."""
    meeting = (Meeting.objects.filter(date__gte=today).exclude(status=MeetingStatus.CANCELLED)
               .prefetch_related(Prefetch("briefing", Briefing.objects.all())).first())
    briefing = getattr(meeting, "briefing", None) if meeting else None
    return {"meeting": meeting,
            "briefing": briefing if briefing and briefing.visible_to(user) else None}


def latest_report(user: User, today: date) -> dict:
    return {"report": Report.objects.published().order_by("-period_end", "-version").first()}


def panel_meetings(user: User, today: date) -> dict:
    meetings = upcoming_meetings(user, today)
    return {"next": meetings[:1], "later": meetings[1:]}


def users_and_roles(user: User, today: date) -> dict:
    people = list(get_user_model().objects.order_by("username").prefetch_related("groups"))
    roles = [role_of(person) for person in people]
    for person, role in zip(people, roles, strict=True):
        person.role = role  # type: ignore[attr-defined]  # shown beside each person
    counts = Counter(roles)
    return {"people": people, "counts": [(role, counts[role]) for role in Role],
            "without_role": counts[None]}


@dataclass(frozen=True)
class Panel:
    name: str  # its template is oversight/home/_<name>.html
    needs: tuple[str, ...]  # permissions its content needs
    read: Callable[[User, date], dict]  # (user, today) -> the template's context


PANELS = {panel.name: panel for panel in [
    Panel("awaiting_approval", (Perm.APPROVE_REPORTS,), awaiting_approval),
    Panel("duties_due", (Perm.APPROVE_REPORTS,), duties_due),
    Panel("returns_due", (Perm.ENTER_DATA,), returns_due),
    Panel("my_drafts", (Perm.WRITE_DRAFTS,), my_drafts),
    Panel("opcc_actions", (Perm.READ_ELG,), opcc_actions),
    Panel("latest_report", (Perm.READ_PUBLISHED_REPORTS,), latest_report),
    Panel("panel_meetings", (Perm.READ_PUBLISHED_REPORTS,), panel_meetings),
    Panel("next_elg_meeting", (Perm.READ_ELG,), next_elg_meeting),
    Panel("force_actions", (Perm.READ_ELG,), force_actions),
    Panel("users_and_roles", (Perm.MANAGE_USERS,), users_and_roles),
]}
STAFF_PANELS = ["returns_due", "my_drafts", "opcc_actions"]
ROLE_PANELS = {
    Role.OPCC_STAFF: STAFF_PANELS,
    Role.OPCC_LEAD: ["awaiting_approval", "duties_due", *STAFF_PANELS],
    Role.PANEL_MEMBER: ["latest_report", "panel_meetings"],
    Role.FORCE_OFFICER: ["next_elg_meeting", "force_actions"],
    Role.ADMINISTRATOR: ["users_and_roles"],
}


def panels(user: User, today: date) -> list[tuple[str, dict]]:
    """(template, context) of each panel of the user's role they may open."""
    shown = []
    role = role_of(user)
    for name in ROLE_PANELS.get(role, []) if role else []:
        panel = PANELS[name]
        if all(user.has_perm(perm) for perm in panel.needs):
            shown.append((f"oversight/home/_{name}.html", panel.read(user, today)))
    return shown
