"""The portal's PostgreSQL backend (oversight/core/postgres/base.py): the
connection health check asks the socket, not the server, and a prepared
cursor's statements are kept prepared."""

import time

import pytest
from django.db import connection, connections
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def kept():
    """A second connection to the test database, as a web worker keeps one."""
    wrapper = connections.create_connection("default")
    wrapper.ensure_connection()
    yield wrapper
    wrapper.close()


def last_query_of(wrapper) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT query FROM pg_stat_activity WHERE pid = %s",
                       [wrapper.connection.info.backend_pid])
        return cursor.fetchone()[0]


def test_the_portal_uses_this_backend():
    assert type(connections["default"]).__module__ == "oversight.core.postgres.base"
    assert connections["default"].settings_dict["CONN_HEALTH_CHECKS"]


def test_a_live_idle_connection_passes_without_a_query(kept):
    with kept.cursor() as cursor:
        cursor.execute("SELECT 'last before the check'")
    assert kept.is_usable()
    assert last_query_of(kept) == "SELECT 'last before the check'"


def test_a_connection_the_server_ended_fails_and_the_next_query_reconnects(kept):
    pid = kept.connection.info.backend_pid
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    # The server ends the backend soon after the signal, not at once.
    deadline = time.monotonic() + 10
    while kept.is_usable() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not kept.is_usable()
    # What Django does before a request's first query: close, then connect.
    kept.health_check_done = False
    kept.close_if_health_check_failed()
    with kept.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        assert cursor.fetchone()[0] != pid


def test_in_a_transaction_the_server_is_asked(kept):
    kept.set_autocommit(False)
    with kept.cursor() as cursor:
        cursor.execute("SELECT 'in a transaction'")
    assert kept.is_usable()
    assert last_query_of(kept) == "SELECT 1"
    kept.rollback()
    kept.set_autocommit(True)


def prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


def test_a_prepared_cursor_prepares_what_it_runs_and_is_counted_as_any_cursor():
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        for _ in range(2):
            with connection.prepared_cursor() as cursor:
                cursor.execute("SELECT %s::int + 1", [41])
                assert cursor.fetchone() == (42,)
    assert [q["sql"] for q in queries] == ["SELECT 41::int + 1"] * 2
    assert prepared_statements().count("SELECT $1::int + 1") == 1


def test_other_cursors_prepare_nothing_however_often_they_run_a_query():
    for _ in range(10):
        with connection.cursor() as cursor:
            cursor.execute("SELECT %s::int + 2", [40])
    assert not [s for s in prepared_statements() if "+ 2" in s]


def test_a_signed_in_page_reads_its_session_with_a_prepared_statement(client, django_user_model):
    with connection.cursor() as cursor:
        cursor.execute("DEALLOCATE ALL")  # what earlier tests prepared (psycopg forgets them too)
    client.force_login(django_user_model.objects.create_user("reader", password="x" * 12))
    client.get(reverse("account"))
    client.get(reverse("account"))
    assert [s for s in prepared_statements() if "oversight_portalsession" in s]


def test_a_test_database_is_dropped_even_with_a_session_on_it():
    """As an autovacuum worker may be, when the run ends (creation.py)."""
    import psycopg

    wrapper = connections.create_connection("default")
    wrapper.settings_dict["TEST"]["NAME"] = "test_dropped_with_a_session"
    name = wrapper.creation._get_test_db_name()
    with wrapper._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    params = {**wrapper.get_connection_params(), "dbname": name}
    params.pop("cursor_factory", None), params.pop("context", None)
    session = psycopg.connect(**params)
    wrapper.creation._destroy_test_db(name, verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_database WHERE datname = %s", [name])
        assert cursor.fetchone() == (0,)
    with pytest.raises(psycopg.OperationalError, match="terminating connection"):
        session.execute("SELECT 1")
    session.close()
    wrapper.close()
