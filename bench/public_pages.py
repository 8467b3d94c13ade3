"""Benchmark: the public site's pages served by gunicorn, against whitenoise
serving a static file of similar size, in one run.

Loads the demo into a throwaway database, collects the static files, starts
gunicorn (2 workers) on loopback and drives it with wrk (8 connections, from
Debian's wrk package). Prints requests per second for:
  - the floor: the collected static file closest in size to the report page;
  - a published report's public contents page, and its whole report, to a
    visitor who is not signed in (kept pages: target >= 0.5 of the floor);
  - the same report's contents page in the portal to a signed-in panel member
    (target >= 0.2 of the floor);
and each one's ratio to the floor. Measured on 2026-12-03 (2 CPUs): 1.11x to
1.28x for the public pages, 0.35x to 0.38x signed in (it was 0.23x before
the session read was prepared and the header kept).

    .venv/bin/python bench/public_pages.py [--seconds 5] [--connections 8] [--rounds 3]
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oversight.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH  # noqa: E402
from django.utils.crypto import get_random_string  # noqa: E402

from bench.throwaway import throwaway_database  # noqa: E402
from oversight.core.database import embedded_database_url  # noqa: E402
from oversight.core.local_data import data_dir  # noqa: E402
from oversight.core.session_security import SIGNED_IN_AT  # noqa: E402
from oversight.core.session_store import SessionStore  # noqa: E402
from panel_reports.models import Report  # noqa: E402

PORT = 8765
BASE = f"http://127.0.0.1:{PORT}"


def database_url(name: str) -> str:
    """The database server's address, for the throwaway database `name`."""
    url = os.environ.get("DATABASE_URL") or embedded_database_url(data_dir(ROOT))
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def panel_session() -> str:
    """A signed-in panel member's cookies, as signing in would make them: the
    session, and the CSRF secret that signing in sets (without it every page
    would make a new one and send it)."""
    user = User.objects.get(username="panel")
    session = SessionStore()
    session.update({SESSION_KEY: str(user.pk), HASH_SESSION_KEY: user.get_session_auth_hash(),
                    BACKEND_SESSION_KEY: settings.AUTHENTICATION_BACKENDS[-1],
                    SIGNED_IN_AT: time.time()})
    session.create()
    csrf = get_random_string(CSRF_SECRET_LENGTH, CSRF_ALLOWED_CHARS)
    return (f"{settings.SESSION_COOKIE_NAME}={session.session_key}; "
            f"{settings.CSRF_COOKIE_NAME}={csrf}")


def closest_static_file(size: int) -> str:
    root = Path(settings.STATIC_ROOT)
    files = [p for p in root.rglob("*") if p.is_file() and p.suffix in {".css", ".js", ".svg"}
             and not re.search(r"\.[0-9a-f]{12}\.", p.name)]
    best = min(files, key=lambda p: abs(p.stat().st_size - size))
    return "/" + settings.STATIC_URL.strip("/") + "/" + best.relative_to(root).as_posix()


def requests_per_second(url: str, seconds: int, connections: int, cookie: str = "") -> float:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        raise SystemExit(f"{url}: {errors.group(1)} failed responses\n{out}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def fetch(url: str, cookie: str = "") -> bytes:
    request = urllib.request.Request(  # noqa: S310 (loopback, http)
        url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (loopback)
        assert response.status == 200, (url, response.status)
        return response.read()


def wait_for_server() -> None:
    for _ in range(100):
        try:
            fetch(f"{BASE}/healthz")
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install wrk")
    name = throwaway_database("bench_public_pages")
    server = None
    try:
        call_command("collectstatic", "--noinput", verbosity=0)
        call_command("load_demo", "--noinput", stdout=open(os.devnull, "w"))  # noqa: SIM115
        report = Report.objects.published().order_by("-published_at").first()
        cookie = panel_session()
        connection.close()
        env = os.environ | {"DATABASE_URL": database_url(name)}
        server = subprocess.Popen(  # noqa: S603 (our own gunicorn)
            [str(Path(sys.executable).parent / "gunicorn"), "oversight.wsgi", "-w", "2",
             "-b", f"127.0.0.1:{PORT}", "--log-level", "warning"], cwd=ROOT, env=env)
        wait_for_server()
        report_page = f"{BASE}/public/reports/{report.pk}/"
        pages = {
            "public report contents (not signed in)": (report_page, ""),
            "public whole report (not signed in)": (f"{report_page}document/", ""),
            "portal report contents (signed-in panel member)":
                (f"{BASE}/reports/{report.pk}/", cookie),
        }
        print(f"gunicorn 2 workers, wrk {options.connections} connections, "
              f"{options.seconds} s a run; each page against whitenoise serving the static "
              f"file closest to it in size, the two run in turn {options.rounds} times "
              "(the median ratio; the machine's speed drifts between runs)")
        for label, (url, with_cookie) in pages.items():
            size = len(fetch(url, with_cookie))  # and kept, on this first visit
            static = closest_static_file(size)
            runs = [(requests_per_second(BASE + static, options.seconds, options.connections),
                     requests_per_second(url, options.seconds, options.connections,
                                         with_cookie))
                    for _ in range(options.rounds)]
            floor, rate = map(statistics.median, zip(*runs, strict=True))
            ratio = statistics.median(page / static_rate for static_rate, page in runs)
            print(f"{label} ({size:,} bytes): {rate:,.0f} req/s; floor {static} "
                  f"({len(fetch(BASE + static)):,} bytes) {floor:,.0f} req/s; "
                  f"= {ratio:.2f}x its floor")
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        connection.close()
        connection.creation.destroy_test_db(name, verbosity=0)


if __name__ == "__main__":
    main()
