"""Test databases are dropped WITH (FORCE): after a test that wrote much, an
autovacuum worker may still be analysing the database when the run ends,
and a plain DROP DATABASE then fails ("being accessed by other users"),
leaving the database behind. Only test and benchmark databases are ever
dropped by this (Django's destroy_test_db)."""

from django.db.backends.postgresql.creation import DatabaseCreation as PostgresCreation


class DatabaseCreation(PostgresCreation):
    def _destroy_test_db(self, test_database_name: str, verbosity: int) -> None:
        with self.connection._nodb_cursor() as cursor:
            cursor.execute(
                f"DROP DATABASE {self.connection.ops.quote_name(test_database_name)} WITH (FORCE)")
