"""Fixtures every test module shares: factories' data and one client per role."""

import pytest

from oversight.core.roles import Role
from tests.databases import of_this_worker
from tests.factories import DeliverableFactory, ObjectiveFactory, PlanFactory, UserFactory

# Modules of shared data whose fixtures every test module may use.
pytest_plugins = [
    "tests.scorecard_data", "tests.elg.seed", "tests.oversight.portal.board", "tests.url_walk",
    "tests.jobs",
]


BENCH_TEMPLATE = of_this_worker("bench_template")


@pytest.fixture(scope="session", autouse=True)
def bench_template(request, django_db_blocker):
    """For the benchmarks under test (tests/test_benchmarks.py), a migrated
    database each copies (bench/throwaway.py): a copy of the test database
    made before any test changes it (migrating one took 45 s), or, when the
    test database is reused and may hold anything, one migrated afresh."""
    if not any(item.path.name == "test_benchmarks.py" for item in request.session.items):
        yield None
        return
    request.getfixturevalue("django_db_setup")
    from django.db import connection

    from tests.databases import copy_database, drop_database

    with django_db_blocker.unblock():
        source = connection.settings_dict["NAME"]
        assert source.startswith("test_"), "tests/test_benchmarks.py needs its django_db mark"
        if request.config.getoption("reuse_db"):
            drop_database(BENCH_TEMPLATE)
            migrated_afresh(BENCH_TEMPLATE)
        else:
            copy_database(source, BENCH_TEMPLATE)
    yield BENCH_TEMPLATE
    with django_db_blocker.unblock():
        drop_database(BENCH_TEMPLATE)


def migrated_afresh(name: str) -> None:
    """A database `name` with every migration run, made in its own process (a
    template may have no session when it is copied)."""
    import subprocess
    import sys
    from pathlib import Path

    script = ("import django; django.setup(); from django.db import connection; "
              f"connection.settings_dict['TEST']['NAME'] = {name!r}; "
              "connection.creation.create_test_db(verbosity=0, keepdb=False, serialize=False)")
    subprocess.run([sys.executable, "-c", script], cwd=Path(__file__).parent.parent,  # noqa: S603
                   check=True, timeout=600)


@pytest.fixture
def client_for(db):
    """client_for(role) -> a test client signed in as a new user with that role."""
    from django.test import Client

    def make(role: Role | None) -> Client:
        if role is None:
            return Client()
        signed_in = Client()
        sign_in(signed_in, UserFactory(role=role))
        return signed_in

    return make


def sign_in(client, user):
    """Sign `user` in on a test client, with the second factor their role needs."""
    from django_otp import DEVICE_ID_SESSION_KEY

    from oversight.core import two_factor

    client.force_login(user)
    if two_factor.needs_code(user):
        device = two_factor.authenticator(user) or give_authenticator(user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def give_authenticator(user):
    """A confirmed authenticator app for `user`."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.create(user=user, name="Test phone", confirmed=True)


def code_now(device) -> str:
    """The code the device's app shows now."""
    from oversight.core.two_factor import current_code

    return current_code(device)[0]


def role_client(role: Role):
    """A fixture giving a client signed in with the role."""

    @pytest.fixture
    def signed_in(client_for):
        return client_for(role)

    return signed_in


staff_client = role_client(Role.OPCC_STAFF)
lead_client = role_client(Role.OPCC_LEAD)
panel_client = role_client(Role.PANEL_MEMBER)
officer_client = role_client(Role.FORCE_OFFICER)
administrator_client = role_client(Role.ADMINISTRATOR)


@pytest.fixture
def staff(db):
    """A member of OPCC staff, who writes and submits."""
    return UserFactory(role=Role.OPCC_STAFF)


@pytest.fixture
def lead(db):
    """The OPCC lead, who approves and publishes."""
    return UserFactory(role=Role.OPCC_LEAD)


@pytest.fixture
def current_plan(db):
    """A current plan with one priority, one objective and one deliverable."""
    plan = PlanFactory(is_current=True, title="Police and Crime Plan 2022-25")
    objective = ObjectiveFactory(priority__plan=plan, priority__number=1, code="1.2")
    DeliverableFactory(objective=objective)
    return plan


def pytest_terminal_summary(terminalreporter):
    """Say loudly when tests were skipped for want of a program (Chromium, wrk)."""
    from tests.programs import LOUD

    skipped = [str(getattr(report, "longrepr", ""))
               for report in terminalreporter.stats.get("skipped", [])]
    for reason in LOUD:
        if any(reason in text for text in skipped):
            bar = "!" * 78
            terminalreporter.write_line(bar, red=True, bold=True)
            terminalreporter.write_line(reason, red=True, bold=True)
            terminalreporter.write_line(bar, red=True, bold=True)


@pytest.fixture
def pdf_printer():
    """Chromium for PDF downloads: a skip on a developer's machine without it,
    a failure in CI (as the browser tests)."""
    from oversight.core.pdf import chromium as program
    from tests.programs import NO_CHROMIUM, missing

    if program() is None:
        missing(NO_CHROMIUM, "Chromium is missing in CI, so PDF downloads cannot be tested.")
