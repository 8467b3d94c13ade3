"""Copies of the test database that test data is kept in (the benchmarks'
template, the demo's database)."""

from django.db import connection, connections


def copy_database(source: str, copy: str) -> None:
    """`copy`, made afresh from `source`, which may have no session meanwhile."""
    connections.close_all()
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{copy}"')
        cursor.execute(f'CREATE DATABASE "{copy}" TEMPLATE "{source}"')


def drop_database(name: str) -> None:
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
