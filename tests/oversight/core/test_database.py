"""Which PostgreSQL the portal uses, and the embedded server's bookkeeping."""

import json

import psycopg

from oversight.core import database


def test_database_url_wins_and_nothing_is_started(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", "postgres://someone:secret@db.example.org:6543/oversight")
    config = database.database_config(tmp_path)
    assert (config["HOST"], config["PORT"], config["NAME"]) == ("db.example.org", 6543, "oversight")
    assert not (tmp_path / ".data").exists()


def test_without_database_url_an_embedded_server_serves_the_portal_database(tmp_path):
    url = database.embedded_database_url(tmp_path / "data")
    assert (tmp_path / "data" / "postgres" / "PG_VERSION").exists()
    with psycopg.connect(url) as connection, connection.cursor() as cursor:
        cursor.execute("SELECT current_database()")
        assert cursor.fetchone() == (database.EMBEDDED_DATABASE_NAME,)
    # A second call reuses the same server and database.
    assert database.embedded_database_url(tmp_path / "data") == url


def test_dead_processes_are_forgotten_so_the_server_can_stop(tmp_path):
    import os

    handles = tmp_path / ".handle_pids.json"
    dead = 2**22 + 12345  # above Linux's pid_max
    handles.write_text(json.dumps([os.getpid(), dead]))
    database.forget_dead_handles(tmp_path)
    assert json.loads(handles.read_text()) == [os.getpid()]


def test_a_stored_secret_is_generated_once_and_then_kept(monkeypatch, tmp_path):
    from oversight.core.local_data import stored_secret

    monkeypatch.setenv("PCC_DATA_DIR", str(tmp_path / "data"))
    first = stored_secret(tmp_path, "demo_password", 12)
    assert len(first) >= 16
    assert stored_secret(tmp_path, "demo_password", 12) == first
    assert (tmp_path / "data" / "demo_password").read_text() == first
