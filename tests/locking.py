"""Another session holding a lock, as a bulk load would, for tests of what
waits and what says it is busy."""

from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from django.db import connection


def other_session() -> psycopg.Connection:
    """A connection of its own to the test database (outside the test's transaction)."""
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    return psycopg.connect(**params)


def wait_for_locks(milliseconds: int) -> None:
    """This transaction waits up to `milliseconds` for a lock (tests need not
    sit out the portal's lock timeout)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('lock_timeout', %s, true)", [f"{milliseconds}ms"])


@contextmanager
def held(table: str, mode: str = "ACCESS EXCLUSIVE") -> Iterator[None]:
    with other_session() as session:
        session.execute(f"LOCK TABLE {table} IN {mode} MODE")
        try:
            yield
        finally:
            session.rollback()
