"""Generated secrets are the owner's alone; the demo never runs in production."""

import stat

from oversight.core.local_data import stored_secret
from tests.production import PRODUCTION, manage


def test_generated_secrets_are_readable_by_their_owner_only(tmp_path, monkeypatch):
    monkeypatch.setenv("PCC_DATA_DIR", str(tmp_path / "data"))
    secret = stored_secret(tmp_path, "secret_key", 50)
    path = tmp_path / "data" / "secret_key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stored_secret(tmp_path, "secret_key", 50) == secret


def test_a_secret_left_world_readable_is_closed(tmp_path, monkeypatch):
    monkeypatch.setenv("PCC_DATA_DIR", str(tmp_path))
    (tmp_path / "demo_password").write_text("old")
    (tmp_path / "demo_password").chmod(0o644)
    assert stored_secret(tmp_path, "demo_password", 12) == "old"
    assert stat.S_IMODE((tmp_path / "demo_password").stat().st_mode) == 0o600


def test_the_demo_refuses_to_load_in_production():
    result = manage("load_demo", "--noinput", **PRODUCTION)
    assert result.returncode != 0
    assert "cannot be loaded with PCC_ENV=production" in result.stderr
