"""Demo data: the Police and Crime Plan 2022-25 and one user for each role.

Every load is an upsert on natural keys, so loading twice changes nothing.
"""

import hashlib
import json
import os
from datetime import date
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.db.backends.utils import CursorWrapper
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from elg.demo import load_elg
from elg.demo import load_present as load_elg_present
from oversight.core import two_factor
from oversight.core.history import dated_event_tables, event_model, redate_entries
from oversight.core.local_data import stored_secret
from oversight.core.roles import Role
from oversight.peel.demo import load_peel_and_delivery_plan, load_peel_present
from oversight.plan.models import Deliverable, Objective, Plan, Priority
from oversight.transparency.demo import load_transparency
from panel_reports.demo import load_panel
from panel_reports.demo import load_present as load_panel_present
from scorecard.demo import extend_scorecard, load_scorecard

DEMO_PLAN = Path(settings.BASE_DIR) / "fixtures" / "demo_plan.json"

# username, full name, role
DEMO_USERS = [
    ("staff", "Priya Shah", Role.OPCC_STAFF),
    ("lead", "Tom Okafor", Role.OPCC_LEAD),
    ("panel", "Cllr Helen Ward", Role.PANEL_MEMBER),
    ("officer", "Insp Dan Reeve", Role.FORCE_OFFICER),
    ("admin", "Chris Adebayo", Role.ADMINISTRATOR),
]


@transaction.atomic
def load_plan(data: dict) -> Plan:
    plan_fields = dict(data["plan"])
    plan, _ = Plan.objects.update_or_create(title=plan_fields.pop("title"), defaults=plan_fields)
    for p in data["priorities"]:
        priority, _ = Priority.objects.update_or_create(
            plan=plan, number=p["number"], defaults={"title": p["title"]}
        )
        for o in p["objectives"]:
            objective, _ = Objective.objects.update_or_create(
                priority=priority,
                code=o["code"],
                defaults={
                    "title": o["title"],
                    "description": o.get("description", ""),
                    "is_demo": o.get("is_demo", False),
                },
            )
            for d in o.get("deliverables", []):
                fields = dict(d)
                Deliverable.objects.update_or_create(  # seed 001 lists them by priority
                    objective=objective, action=fields.pop("action"),
                    defaults={**fields, "is_demo": True})
    return plan


def demo_password() -> str:
    """DEMO_PASSWORD, or one generated once and kept in the ignored data folder."""
    return os.environ.get("DEMO_PASSWORD") or stored_secret(
        Path(settings.BASE_DIR), "demo_password", 12
    )


@transaction.atomic
def load_users(password: str) -> list[tuple[str, Role]]:
    User = get_user_model()
    for username, full_name, role in DEMO_USERS:
        first, _, last = full_name.rpartition(" ")
        user, _ = User.objects.update_or_create(
            username=username, defaults={"first_name": first, "last_name": last}
        )
        user.set_password(password)
        user.save(update_fields=["password"])
        user.groups.set([Group.objects.get(name=role)])
    return [(username, role) for username, _, role in DEMO_USERS]


DEMO_AUTHENTICATOR = "Demo authenticator"


def demo_authenticator_key() -> str:
    """The demo's TOTP key (40 hex digits), made once and kept in the data folder."""
    secret = stored_secret(Path(settings.BASE_DIR), "demo_totp_seed", 32)
    return hashlib.sha256(secret.encode()).hexdigest()[:40]


@transaction.atomic
def load_demo_authenticators() -> list[str]:
    """The users whose role needs two-factor sign-in share one demo authenticator
    key, so the demo can be signed into (`manage.py demo_code` prints its code)."""
    key, given = demo_authenticator_key(), []
    for user in get_user_model().objects.filter(username__in=[u for u, _, _ in DEMO_USERS]):
        if two_factor.required_for(user):
            TOTPDevice.objects.filter(user=user).exclude(name=DEMO_AUTHENTICATOR).delete()
            TOTPDevice.objects.update_or_create(
                user=user, name=DEMO_AUTHENTICATOR, defaults={"key": key, "confirmed": True})
            given.append(user.username)
    return given


def load_demo(today: date | None = None) -> tuple[Plan, list[tuple[str, Role]], str]:
    """The seeds' data, then the present as on `today` (default: today): the
    months, meetings, updates and reports since, up to that day."""
    today = today or timezone.localdate()
    before = latest_entries()
    plan = load_plan(json.loads(DEMO_PLAN.read_text()))
    load_scorecard()
    load_peel_and_delivery_plan()
    load_elg(today)
    password = demo_password()
    users = load_users(password)
    load_demo_authenticators()
    date_entries(before)  # before reports are published: they read deliverables as known
    before = latest_entries()
    load_panel()  # after the users: staff build the report and the lead publishes it
    extend_scorecard(today)  # the months since the seed's report, up to last month
    load_peel_present(today)
    load_elg_present(today)
    load_panel_present(today)
    load_transparency(today)  # the public site: after the data its records show
    date_entries(before)
    return plan, users, password


# When the demo's records are taken to have been entered: a month's values on
# the 10th of the next month (as a force's return would be), anything else at
# the start of the seeds' year, so "as known on" a past day finds them.
DEMO_START = "2022-01-01 09:00"
_VALUE_ENTERED = ("least(now(), date_trunc('month', month) + interval '1 month 9 days 9 hours')"
                  "::timestamptz")


def latest_entries() -> dict[str, int]:
    """Each history table's newest entry id."""
    with connection.cursor() as cursor:
        return {table: _newest(cursor, table) for table in dated_event_tables()}


def date_entries(before: dict[str, int]) -> None:
    """Move the history entries this load made (after `before`) to when the
    demo says they were made, inside the load's own transaction."""
    from scorecard.models import MonthlyValue

    values = event_model(MonthlyValue)._meta.db_table
    with transaction.atomic():
        for table, newest in before.items():
            if table == values:
                redate_entries(table, _VALUE_ENTERED, [], newest)
            else:
                redate_entries(table, "%s::timestamptz", [DEMO_START], newest)


def _newest(cursor: CursorWrapper, table: str) -> int:
    cursor.execute(f'SELECT coalesce(max(pgh_id), 0) FROM "{table}"')  # noqa: S608
    newest: int = cursor.fetchone()[0]
    return newest
