"""A small scorecard catalogue for tests: one measure of each kind."""

import datetime
import io
import os
from unittest import mock

import pytest
from django.core.management import call_command

from tests.databases import of_this_worker
from tests.factories import AreaFactory, MeasureFactory, TopicFactory

OCT_2023 = datetime.date(2023, 10, 1)
THIS_MONTH = datetime.date(2026, 11, 1)
HEADER = "measure,area,month,value,numerator,denominator,weight,note\n"


@pytest.fixture
def catalogue(db):
    """Force with County and Swindon; a count, a ratio, a weighted-mean duration
    and a percentage, all in one topic."""
    force = AreaFactory(code="FORCE", name="Wiltshire Police")
    county = AreaFactory(code="COUNTY", name="County", parent=force, order=1)
    swindon = AreaFactory(code="SWINDON", name="Swindon", parent=force, order=2)
    topic = TopicFactory(name="Crime & Communication Centre – 999 Service")
    return {
        "topic": topic,
        "areas": (force, county, swindon),
        "count": MeasureFactory(code="CALLS", name="Call Answered Volume: 999", topic=topic,
                                areas=[force], order=1),
        "ratio": MeasureFactory(code="ABANDON", name="Abandonment Rate: All 999", topic=topic,
                                unit="percentage", aggregation="ratio",
                                polarity="down_is_good", areas=[force], order=2),
        "duration": MeasureFactory(code="WAIT", name="Average Time to Answer: All 999",
                                   topic=topic, unit="duration", aggregation="weighted_mean",
                                   polarity="down_is_good", areas=[county, swindon], order=3),
        "percentage": MeasureFactory(code="SATISFIED", name="Victim satisfaction",
                                     topic=topic, unit="percentage", aggregation="mean",
                                     polarity="up_is_good", areas=[force], order=4),
    }


def csv_file(*lines: str) -> bytes:
    return (HEADER + "".join(line + "\n" for line in lines)).encode()


DEMO_PASSWORD = "demo-password-for-tests"
DEMO_DATABASE = of_this_worker("test_demo")


def load_demo() -> str:
    """Load the demo into the database in use; what load_demo printed."""
    printed = io.StringIO()
    with mock.patch.dict(os.environ, {"DEMO_PASSWORD": DEMO_PASSWORD}):
        call_command("load_demo", "--noinput", stdout=printed)
    return printed.getvalue()


def use_database(name: str) -> None:
    from django.conf import settings
    from django.db import connection, connections

    connections.close_all()
    settings.DATABASES["default"]["NAME"] = connection.settings_dict["NAME"] = name


@pytest.fixture(scope="session")
def demo_database(django_db_setup, django_db_blocker):
    """A copy of the test database with the demo loaded, made the first time
    a module asks for the demo: loading it for each module took 5 s and a
    flush. Its tests run in transactions, rolled back, so it stays as loaded."""
    from django.db import connection

    from tests.databases import copy_database, drop_database

    with django_db_blocker.unblock():
        tests = connection.settings_dict["NAME"]
        copy_database(tests, DEMO_DATABASE)
        use_database(DEMO_DATABASE)
        try:
            printed = load_demo()
        finally:
            use_database(tests)
    yield printed
    with django_db_blocker.unblock():
        drop_database(DEMO_DATABASE)


@pytest.fixture(scope="module")
def demo(demo_database, django_db_blocker):
    """The demo data (the Plan, the scorecard and the rest) for a module's
    tests: they use the demo's database, then the test database again. What
    load_demo printed. Its users' password is DEMO_PASSWORD."""
    from django.db import connection

    tests = connection.settings_dict["NAME"]
    with django_db_blocker.unblock():
        use_database(DEMO_DATABASE)
    yield demo_database
    with django_db_blocker.unblock():
        use_database(tests)


@pytest.fixture(scope="module")
def demo_committed(django_db_setup, django_db_blocker):
    """The demo loaded into the test database itself, for a module whose
    tests commit (a live server's): they flush it after them, so it cannot be
    the shared copy. Flushed after the module."""
    with django_db_blocker.unblock():
        yield load_demo()
        call_command("flush", "--noinput")
        from oversight.core.roles import sync_roles

        sync_roles()


def put_values(measure, area, values, last=OCT_2023, **columns):
    """Store `values` as the months ending at `last` (None: no row for that month)."""
    from scorecard.formats import add_months
    from scorecard.models import MonthlyValue

    first = add_months(last, 1 - len(values))
    rows = []
    for i, value in enumerate(values):
        extra = {name: column[i] for name, column in columns.items()}
        if value is not None or any(v is not None for v in extra.values()):
            rows.append(MonthlyValue(measure=measure, area=area, month=add_months(first, i),
                                     value=value, **extra))
    MonthlyValue.objects.bulk_create(rows)


CALLS = [1000] * 12 + [1100] * 11 + [2000]  # a jump in Oct-2023: One-Month High


@pytest.fixture
def kpi_data(catalogue):
    force, county, swindon = catalogue["areas"]
    put_values(catalogue["count"], force, CALLS)
    put_values(catalogue["ratio"], force, [None] * 24, numerator=[10] * 24,
               denominator=[1000] * 24)
    put_values(catalogue["duration"], county, [600] * 23 + [700], weight=[100] * 24)
    catalogue["duration"].thresholds.create(label="SLA 10 min", value=600, direction="at_most")
    return catalogue
