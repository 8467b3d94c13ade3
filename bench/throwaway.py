"""A benchmark's throwaway database: a copy of BENCH_TEMPLATE when given (a
migrated database tests/test_benchmarks.py makes once, so each benchmark
need not run every migration again), otherwise made and migrated afresh."""

import os

from django.conf import settings
from django.db import connection


def throwaway_database(name: str, **options: bool) -> str:
    template = os.environ.get("BENCH_TEMPLATE")
    connection.settings_dict["TEST"]["NAME"] = name
    if not template:
        return connection.creation.create_test_db(verbosity=0, keepdb=False, **options)
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    connection.close()
    settings.DATABASES["default"]["NAME"] = connection.settings_dict["NAME"] = name
    return name
