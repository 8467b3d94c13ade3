"""The portal's roles and what each may do: the one place access is declared.

Roles are Django groups. `sync_roles()` makes the groups hold exactly the
permissions declared here; it runs after every migrate, so a fresh database,
the test database and production all agree with this module.
"""

from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from oversight.core.requests import Reader


class Perm(StrEnum):
    """Portal permissions, spelled as `user.has_perm` wants them."""

    READ_PLAN = "oversight.read_plan"
    READ_SCORECARD = "oversight.read_scorecard"
    ENTER_DATA = "oversight.enter_data"
    READ_ELG = "oversight.read_elg"
    MANAGE_MEETINGS = "oversight.manage_meetings"
    READ_PEEL = "oversight.read_peel"
    RECORD_PROGRESS = "oversight.record_progress"
    READ_DRAFT_REPORTS = "oversight.read_draft_reports"
    WRITE_DRAFTS = "oversight.write_drafts"
    APPROVE_REPORTS = "oversight.approve_reports"
    READ_PUBLISHED_REPORTS = "oversight.read_published_reports"
    USE_ADMIN = "oversight.use_admin"
    MANAGE_USERS = "oversight.manage_users"
    READ_AUDIT_LOG = "oversight.read_audit_log"

    @property
    def codename(self) -> str:
        return self.value.split(".", 1)[1]


PERMISSION_NAMES = {
    Perm.READ_PLAN: "Read the Police and Crime Plan and its deliverables",
    Perm.READ_SCORECARD: "Read the scorecard",
    Perm.ENTER_DATA: "Enter monthly KPI data",
    Perm.READ_ELG: "Read ELG meetings and KLOE briefings",
    Perm.MANAGE_MEETINGS: "Manage ELG meetings and briefings",
    Perm.READ_PEEL: "Read the PEEL register of inspection findings",
    Perm.RECORD_PROGRESS: "Record progress on PEEL findings and the OPCC delivery plan",
    Perm.READ_DRAFT_REPORTS: "Read draft panel reports",
    Perm.WRITE_DRAFTS: "Write draft panel reports",
    Perm.APPROVE_REPORTS: "Approve and publish panel reports",
    Perm.READ_PUBLISHED_REPORTS: "Read published panel reports",
    Perm.USE_ADMIN: "Use the administration pages",
    Perm.MANAGE_USERS: "Manage users and roles",
    Perm.READ_AUDIT_LOG: "Read the audit log of every change",
}


class Role(StrEnum):
    OPCC_STAFF = "OPCC staff"
    OPCC_LEAD = "OPCC lead"
    PANEL_MEMBER = "Panel member"
    FORCE_OFFICER = "Force officer"
    ADMINISTRATOR = "Administrator"


def model_permissions(app_label: str, *models: str,
                      actions: tuple[str, ...] = ("add", "change", "delete", "view")) -> set[str]:
    return {f"{app_label}.{action}_{model}" for model in models for action in actions}


PLAN_EDITING = model_permissions("oversight", "plan", "priority", "objective", "deliverable")
SCORECARD_EDITING = model_permissions(
    "scorecard", "area", "topic", "nationalpriority", "measure", "measurearea", "threshold",
    "monthlyvalue", "annotation", "comparatorvalue", "methodsettings",
)
PEEL_EDITING = model_permissions(
    "oversight", "inspection", "gradedarea", "finding", "progressupdate", "monitoringstage",
    "deliveryplan", "deliveryobjective", "coreactivity", "activityupdate",
)
ELG_EDITING = model_permissions(
    "elg", "meeting", "briefing", "briefingquestion", "theme", "question", "assurance", "action",
)
PANEL_EDITING = model_permissions("panel_reports", "acronym", "panelmeeting", "agendaitem")
# The records the public site shows once approved (oversight/transparency).
PUBLIC_RECORD_EDITING = model_permissions(
    "oversight", "decision", "nationalprioritiesstatement", "prioritycontribution",
    "complaintsinformation", "inspectionresponse", "recommendationexplanation", "duty",
) | model_permissions("elg", "publishednotes") | model_permissions("panel_reports",
                                                                  "annualreport")
USER_ADMIN = model_permissions("auth", "user", "group") | {
    "axes.view_accessattempt",
    "axes.delete_accessattempt",
    "axes.view_accessfailurelog",
    "axes.view_accesslog",
    "oversight.view_rolechange",
}

_STAFF = {
    Perm.READ_PLAN,
    Perm.READ_SCORECARD,
    Perm.ENTER_DATA,
    Perm.READ_ELG,
    Perm.MANAGE_MEETINGS,
    Perm.READ_PEEL,
    Perm.RECORD_PROGRESS,
    Perm.READ_DRAFT_REPORTS,
    Perm.WRITE_DRAFTS,
    Perm.READ_PUBLISHED_REPORTS,
    Perm.USE_ADMIN,
} | PLAN_EDITING | PEEL_EDITING | SCORECARD_EDITING | ELG_EDITING | PANEL_EDITING \
    | PUBLIC_RECORD_EDITING

ROLE_PERMISSIONS: dict[Role, frozenset[str]] = {
    Role.OPCC_STAFF: frozenset(_STAFF),
    Role.OPCC_LEAD: frozenset(_STAFF | {Perm.APPROVE_REPORTS, Perm.READ_AUDIT_LOG}),
    Role.PANEL_MEMBER: frozenset({Perm.READ_PUBLISHED_REPORTS}),
    Role.FORCE_OFFICER: frozenset(
        {Perm.READ_PLAN, Perm.READ_SCORECARD, Perm.READ_ELG, Perm.READ_PEEL}),
    # Users and the Plan; not the force's data, PEEL progress or ELG business,
    # which the portal refuses them (segregation of duties).
    Role.ADMINISTRATOR: frozenset(
        {Perm.USE_ADMIN, Perm.MANAGE_USERS, Perm.READ_PLAN, Perm.READ_AUDIT_LOG} | USER_ADMIN
        | PLAN_EDITING
    ),
}

# The admin pages change only what the portal lets the same role change:
# a role may hold these model permissions only with the portal permission.
ADMIN_EDITING_NEEDS: dict[Perm, set[str]] = {
    Perm.ENTER_DATA: SCORECARD_EDITING,
    Perm.RECORD_PROGRESS: PEEL_EDITING,
    Perm.MANAGE_MEETINGS: ELG_EDITING,
    Perm.WRITE_DRAFTS: PANEL_EDITING | PUBLIC_RECORD_EDITING,
    Perm.MANAGE_USERS: USER_ADMIN,
}


def admin_overreach(role: Role) -> dict[Perm, set[str]]:
    """Model permissions the role holds without the portal permission they need."""
    held = ROLE_PERMISSIONS[role]
    return {needed: editing & held for needed, editing in ADMIN_EDITING_NEEDS.items()
            if needed not in held and editing & held}


def role_of(user: "Reader") -> Role | None:
    """The user's role, from their groups (the first declared role wins)."""
    return next(iter(roles_held(user)), None)


def roles_held(user: "Reader") -> list[Role]:
    """The user's roles, in the order roles.py declares them: read with the
    user by RoleBackend (the signed-in user), otherwise asked for."""
    if user.is_anonymous:
        return []
    names = getattr(user, "role_names", None)
    if names is None:
        names = set(user.groups.values_list("name", flat=True))
    return [role for role in Role if role in names]


Alike = tuple[bool, bool, tuple[Role, ...]]


def alike_key(user: "Reader") -> Alike:
    """Users with the same key may do the same things: with RoleBackend a
    user's permissions are their roles' (and all, for a superuser). What is
    worked out from permissions once for many users (the menu, its rendered
    header) is kept by this key."""
    return (user.is_active, user.is_superuser, tuple(roles_held(user)))


def sync_roles() -> None:
    """Make each role's group hold exactly its declared permissions."""
    from django.contrib.auth.models import Group, Permission

    overreach = {role: found for role in Role if (found := admin_overreach(role))}
    if overreach:
        raise LookupError(f"Roles may change in the admin what the portal refuses: {overreach}")
    wanted = set().union(*ROLE_PERMISSIONS.values())
    by_name = {
        f"{p.content_type.app_label}.{p.codename}": p
        for p in Permission.objects.select_related("content_type")
    }
    missing = sorted(wanted - by_name.keys())
    if missing:
        raise LookupError(f"Roles name permissions that do not exist: {missing}")
    for role, names in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.set([by_name[name] for name in names])
