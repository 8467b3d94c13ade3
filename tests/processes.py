"""Processes a test starts or looks for: a stand-in Chromium that never
finishes, and which processes of it are still alive."""

import os
import tempfile
from pathlib import Path


def fake_chromium(script: str) -> str:
    """A shell script in Chromium's place, in a folder anyone may read (the
    unprivileged printer runs it)."""
    folder = Path(tempfile.mkdtemp(prefix="pcc-fake-chromium-"))
    folder.chmod(0o755)
    program = folder / "chromium"
    program.write_text("#!/bin/sh\n" + script)
    program.chmod(0o755)
    return str(program)


def never_finishing_chromium(marker: str) -> str:
    """A Chromium that starts a child and never ends, both carrying `marker`
    (a number) on their command line."""
    return fake_chromium(f"sleep {marker}1 &\nexec sleep {marker}2\n")


def alive_with(marker: str) -> list[int]:
    """Processes (not zombies) whose command line holds `marker`."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if marker in command and state != "Z":
            found.append(int(entry.name))
    return found


def chromium_waiting_for(barrier: Path) -> str:
    """A Chromium that prints a PDF once `barrier` exists."""
    return fake_chromium(
        'for a in "$@"; do case "$a" in --print-to-pdf=*) out="${a#--print-to-pdf=}";; esac; done\n'
        f'while [ ! -e "{barrier}" ]; do sleep 0.05; done\n'
        "printf '%%PDF-1.7 printed' > \"$out\"\n")


def wait_until(condition, seconds: float = 15) -> None:
    """Poll `condition` until it holds (a fault test's patience, not a timing)."""
    import time

    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"still not so after {seconds} s: {condition.__doc__ or ''}")
        time.sleep(0.05)
