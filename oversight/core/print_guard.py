"""Runs Chromium for one print, and cleans up after it whatever happens.

pdf.html_to_pdf starts this as the leader of a new process group:

    python -m oversight.core.print_guard FOLDER UID GID -- chromium ...

Chromium and every process it starts stay in the group. When the print ends,
however it ends, pdf.py kills the group and removes FOLDER. If the process
that started the print dies first (a web worker killed mid-print), the kernel
tells this one (PR_SET_PDEATHSIG), which removes FOLDER and kills the group:
no Chromium outlives its print and no temporary folder is left.
"""

import ctypes
import os
import shutil
import signal
import subprocess
import sys
from types import FrameType

PR_SET_PDEATHSIG = 1  # linux/prctl.h


def main(arguments: list[str]) -> int:
    folder, uid, gid, separator, *command = arguments
    if separator != "--" or not command:
        raise SystemExit("usage: print_guard FOLDER UID GID -- COMMAND ...")
    parent = os.getppid()

    def clean_up(signum: int | None = None, frame: FrameType | None = None) -> None:
        shutil.rmtree(folder, ignore_errors=True)
        os.killpg(0, signal.SIGKILL)  # the whole group, this process included

    signal.signal(signal.SIGTERM, clean_up)
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent:  # the starter died before we could ask to be told
        clean_up()
    unprivileged = uid != "-"  # as root: print as PDF_USER
    environment = {"HOME": folder, "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    finished = subprocess.run(  # noqa: S603
        command, env=environment, capture_output=True, check=False,
        user=int(uid) if unprivileged else None, group=int(gid) if unprivileged else None,
        extra_groups=[] if unprivileged else None)
    sys.stderr.buffer.write(finished.stderr[-4000:])
    return finished.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
