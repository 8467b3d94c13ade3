"""Django's PostgreSQL backend, whose per-request health check asks the
connection's socket instead of the server.

With CONN_HEALTH_CHECKS, Django sends `SELECT 1` before each request's first
query on a kept connection: one round trip to the server on every page (in
a profile of a signed-in page served from kept parts, 6 % of its time, and
half its queries). A server that ends
a connection (a restart, an administrator, an idle timeout) sends its last
message and closes the socket, which makes the socket readable while the
connection is idle: that is the check here, a poll with no wait. A
connection in a transaction, or one psycopg knows is broken, is judged as
Django judges it. A connection that died silently (no close reached us)
fails its next query, and Django closes it after that request, as it would
have without health checks.

It also gives a cursor whose statements the server keeps prepared: parsed
and planned once a connection. Django prepares nothing (it binds parameters
in the client, and a connection pooler may not keep a server's prepared
statements); the session read that every signed-in page makes is the one
worth it (0.44 ms a round trip as sent, 0.16 ms prepared, measured here).

Test databases are dropped whoever is still on them (creation.py).
"""

import select
import sys
from typing import Any

from django.db.backends.postgresql.base import DatabaseWrapper as PostgresWrapper
from django.db.backends.postgresql.operations import DatabaseOperations as PostgresOperations
from django.db.backends.utils import CursorWrapper
from psycopg import Cursor
from psycopg.pq import TransactionStatus

from oversight.core.postgres.creation import DatabaseCreation


class PreparingCursor(Cursor):
    """Prepares every statement it runs, the first time this connection runs
    it (psycopg keeps which ones are)."""

    def execute(self, query: Any, params: Any = None, **options: Any) -> Any:
        return super().execute(query, params, **options | {"prepare": True})


class DatabaseOperations(PostgresOperations):
    def last_executed_query(self, cursor: Any, sql: str, params: Any) -> str:
        # What the query log and the tests' query counts show: the statement
        # with its values, as for Django's own cursors.
        if isinstance(cursor, PreparingCursor):
            return str(self.compose_sql(sql, params))
        return super().last_executed_query(cursor, sql, params)


class DatabaseWrapper(PostgresWrapper):
    ops_class = DatabaseOperations
    creation_class = DatabaseCreation

    def get_new_connection(self, conn_params: dict[str, Any]) -> Any:
        connection = super().get_new_connection(conn_params)
        if connection.prepare_threshold is None:
            # Django's None makes psycopg prepare nothing, even on request.
            # Nothing is prepared unasked still: Django's cursors bind in the
            # client, which never prepares, and PreparingCursor asks.
            connection.prepare_threshold = sys.maxsize
        return connection

    def is_usable(self) -> bool:
        connection = self.connection
        if connection is None or connection.closed:
            return False
        if connection.info.transaction_status != TransactionStatus.IDLE:
            return bool(super().is_usable())
        # Idle, nothing should arrive: anything readable is the server's
        # goodbye (or a notice nobody asked for: reconnecting is harmless).
        readable, _, _ = select.select([connection.fileno()], [], [], 0)
        return not readable

    def prepared_cursor(self) -> CursorWrapper:
        """A cursor as `cursor()` gives (so its queries are counted and logged
        alike), that prepares what it runs. Only for fixed statements: each
        distinct text is kept by the server for the connection's life."""
        self.close_if_health_check_failed()
        self.ensure_connection()
        # The connection's own time zone loader is this wrapper's (Django
        # builds it from the same setting), so none is registered here.
        with self.wrap_database_errors:
            return self._prepare_cursor(PreparingCursor(self.connection))  # type: ignore[attr-defined]
