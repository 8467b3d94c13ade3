"""Copies of the test database that test data is kept in (the benchmarks'
template, the demo's database)."""

import os

from django.db import connection, connections


def of_this_worker(name: str) -> str:
    """`name`, for this pytest-xdist worker (as pytest-django names the test
    database): workers running at once must not share a copy."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    return f"{name}_{worker}" if worker else name


def copy_database(source: str, copy: str) -> None:
    """`copy`, made afresh from `source`, which may have no session meanwhile."""
    connections.close_all()
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{copy}"')
        cursor.execute(f'CREATE DATABASE "{copy}" TEMPLATE "{source}"')


def drop_database(name: str) -> None:
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
