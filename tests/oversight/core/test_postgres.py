"""The connection health check asks the socket, not the server
(oversight/core/postgres/base.py)."""

import time

import pytest
from django.db import connection, connections

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
