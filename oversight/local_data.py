"""The checkout's ignored data folder: the embedded database and generated secrets."""

import os
import secrets
from pathlib import Path


def data_dir(base_dir: Path) -> Path:
    return Path(os.environ.get("PCC_DATA_DIR", base_dir / ".data")).resolve()


def stored_secret(base_dir: Path, name: str, nbytes: int) -> str:
    """A random secret generated on first use and kept in the data folder, so
    that it stays the same across runs (sign-ins survive a restart, the demo
    password stays the one printed last time)."""
    path = data_dir(base_dir) / name
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(nbytes))
    return path.read_text().strip()
