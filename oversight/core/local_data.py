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
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        # Created readable by its owner only, never briefly by everyone.
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as file:
            file.write(secrets.token_urlsafe(nbytes))
    elif path.stat().st_mode & 0o077:  # written by an earlier version
        path.chmod(0o600)
    return path.read_text().strip()
