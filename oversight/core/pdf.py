"""PDF documents printed by headless Chromium from the page's own HTML and
print stylesheet, so the PDF and the browser's print-out are the same
document (decision record 0005). Chromium writes tagged PDF.

A printed document holds text users typed, so Chromium is started as if the
document were hostile: a policy inside the document lets it load nothing,
every address it could reach goes to a closed proxy, and it runs in its
sandbox as an unprivileged user (decision record 0005 lists each flag)."""

import contextlib
import hashlib
import os
import pwd
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

from oversight.core.downloads import attachment
from oversight.core.models import PrintedPdf

# Headless, and never calling out of the machine (the browser tests use these too).
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Printing: the same, but sandboxed (see _sandbox_flags), with the network cut
# off (every request, loopback included, goes to a proxy nothing listens on, and
# no host name resolves), and the page's own @page rules heading the pages.
PRINT_FLAGS = [
    *(flag for flag in CHROMIUM_FLAGS if flag != "--no-sandbox"),
    "--no-pdf-header-footer",
    "--proxy-server=socks5://127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--disable-extensions",
    "--disable-plugins",
]
# Inside the printed document: load nothing but the document itself (its
# styles are inlined, its charts inline SVG). This stops frames, images,
# fonts, scripts and links to files or the network even if markup got in.
DOCUMENT_POLICY = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                   "font-src data:; base-uri 'none'; form-action 'none'")
POLICY_META = f'<meta http-equiv="Content-Security-Policy" content="{DOCUMENT_POLICY}">'
HEAD = re.compile(r"<head(\s[^>]*)?>", re.IGNORECASE)
GUARD = Path(__file__).with_name("print_guard.py")
PRINT_LOCKS = 0x504446  # the advisory lock key of printing places ("PDF")
BUSY_RETRY_SECONDS = 60


class PdfUnavailable(Exception):
    """Chromium is missing or failed: the page's own Print still works."""


class PrintBusy(Exception):
    """Every printing place is taken: try again in a minute."""


def chromium() -> str | None:
    """CHROMIUM if set (an unusable path counts as missing), else Debian's."""
    configured = settings.CHROMIUM_PATH
    if configured:
        return configured if Path(configured).is_file() else None
    return shutil.which("chromium") or shutil.which("chromium-browser")


def with_document_policy(html: str) -> str:
    """The document with DOCUMENT_POLICY as the first thing in its <head>, so
    it governs everything after it."""
    html, found = HEAD.subn(lambda head: head.group(0) + POLICY_META, html, count=1)
    if not found:
        raise PdfUnavailable("The document has no <head> for its policy.")
    return html


def _print_user() -> pwd.struct_passwd | None:
    """Chromium will not sandbox itself as root: as root, print as PDF_USER."""
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam(settings.PDF_USER)
    except KeyError as error:
        raise PdfUnavailable(f"The user {settings.PDF_USER} does not exist.") from error


def _sandbox_flags(user: pwd.struct_passwd | None) -> list[str]:
    # Where the platform gives no user namespaces, PDF_SANDBOX=0 prints unsandboxed
    # (still without network or files): say so in the deployment's notes.
    return [] if user is not None or settings.PDF_SANDBOX else ["--no-sandbox"]


def html_to_pdf(html: str) -> bytes:
    """Print `html` with Chromium (print_guard.py runs it, in a process group
    killed when the print ends however it ends; its folder is always removed)."""
    program = chromium()
    if program is None:
        raise PdfUnavailable("Chromium is not installed on the server.")
    html = with_document_policy(html)
    user = _print_user()
    folder = tempfile.mkdtemp(prefix="pcc-pdf-")
    try:
        page, pdf = Path(folder) / "document.html", Path(folder) / "document.pdf"
        page.write_text(html, encoding="utf-8")
        if user is not None:  # the folder is the unprivileged printer's home
            os.chown(folder, user.pw_uid, user.pw_gid)
        _run_guarded(folder, user, [
            program, *PRINT_FLAGS, *_sandbox_flags(user), f"--user-data-dir={folder}/profile",
            f"--print-to-pdf={pdf}", page.as_uri()])
        if not pdf.exists():
            raise PdfUnavailable("Chromium did not write the PDF.")
        return pdf.read_bytes()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _run_guarded(folder: str, user: pwd.struct_passwd | None, command: list[str]) -> None:
    ids = [str(user.pw_uid), str(user.pw_gid)] if user else ["-", "-"]
    try:
        guard = subprocess.Popen(  # noqa: S603
            [sys.executable, "-I", str(GUARD), folder, *ids, "--", *command],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            start_new_session=True)
    except OSError as error:
        raise PdfUnavailable(f"Chromium could not be started: {error}") from error
    try:
        _, errors = guard.communicate(timeout=settings.PDF_TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired as error:
        raise PdfUnavailable(f"Chromium took more than {settings.PDF_TIMEOUT_SECONDS} s "
                             "to print the document.") from error
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(guard.pid, signal.SIGKILL)  # Chromium, and all it started
        guard.wait()
    if guard.returncode != 0:
        raise PdfUnavailable(f"Chromium could not print the document (exit "
                             f"{guard.returncode}): {errors.decode(errors='replace')[-500:]}")


@contextlib.contextmanager
def print_slot() -> Iterator[None]:
    """One of PDF_CONCURRENCY printing places, shared by every process on the
    database (a session advisory lock each); PrintBusy if all are taken."""
    with connection.cursor() as cursor:
        for slot in range(settings.PDF_CONCURRENCY):
            cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [PRINT_LOCKS, slot])
            if cursor.fetchone()[0]:
                break
        else:
            raise PrintBusy
        try:
            yield
        finally:
            cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [PRINT_LOCKS, slot])


def printed(html: str) -> bytes:
    """The PDF of `html`: printed once, then kept, by the document's content
    (which holds every figure it shows), for whoever asks next."""
    key = hashlib.sha256(html.encode()).hexdigest()
    kept = PrintedPdf.objects.filter(key=key).values_list("content", flat=True).first()
    if kept is not None:
        return bytes(kept)
    with print_slot():
        body = html_to_pdf(html)
    PrintedPdf.objects.bulk_create([PrintedPdf(key=key, content=body)], ignore_conflicts=True)
    return body


def inline_stylesheets(*names: str) -> str:
    """The named static stylesheets' text, for a document printed from a file."""
    return "\n".join(Path(str(finders.find(name))).read_text(encoding="utf-8") for name in names)


# Letters, digits and spaces stand for themselves in a CSS string; everything
# else (quotes, backslashes, "<" of "</style>", newlines, any other character)
# is written as a CSS hex escape, so no text can end the string, the rule or
# the <style> element it is printed in. The space after each escape ends it
# and is not part of the text (CSS Syntax 4.3.7).
CSS_PLAIN = re.compile(r"[A-Za-z0-9 ]")


def css_string(text: str) -> str:
    """Text as a quoted CSS string that cannot break out of itself."""
    escaped = "".join(char if CSS_PLAIN.fullmatch(char) else f"\\{ord(char):x} "
                      for char in text)
    return f'"{escaped}"'


def page_furniture(heading: str) -> str:
    """@page rules that head every page with `heading` and number the pages."""
    return (
        "@page { @top-left { content: " + css_string(heading) + "; font: 9pt sans-serif; }\n"
        '  @bottom-right { content: "Page " counter(page) " of " counter(pages); '
        "font: 9pt sans-serif; } }\n"
    )


@dataclass(frozen=True)
class PrintedDocument:
    """A document that prints: its pages' furniture as a stylesheet (for the
    browser's own Print) and its PDF, from one description. `fetch` gives the
    object a reader may open (or raises Http404); the rest describe it."""

    template: str
    styles: tuple[str, ...]
    fetch: Callable[[HttpRequest, int], Any]
    heading: Callable[[Any], str]
    context: Callable[[Any], dict]
    filename: Callable[[Any], str]
    back: Callable[[Any], str]

    def page_css(self, request: HttpRequest, pk: int) -> HttpResponse:
        """The printed pages' heading and page numbers, which differ per document."""
        heading = self.heading(self.fetch(request, pk))
        return HttpResponse(page_furniture(heading), content_type="text/css")

    def pdf(self, request: HttpRequest, pk: int) -> HttpResponse:
        document = self.fetch(request, pk)
        return pdf_download(request, self.template, self.context(document),
                            styles=self.styles, heading=self.heading(document),
                            filename=self.filename(document), back=self.back(document))

    def print_ahead(self, document: Any) -> None:
        """Print the document now (a background job), so its readers need not wait."""
        printed(document_html(self.template, self.context(document), styles=self.styles,
                              heading=self.heading(document)))


def pdf_download(request: HttpRequest, template: str, context: dict[str, Any], *,
                 styles: tuple[str, ...], heading: str, filename: str, back: str) -> HttpResponse:
    """The document `template` printed to PDF, as an attachment named `filename`,
    its pages headed `heading` and numbered; if Chromium cannot print it, a page
    that says so and links `back` to the page the browser can print."""
    try:
        body = printed(document_html(template, context, styles=styles, heading=heading))
    except PrintBusy:
        response = render(request, "pdf_busy.html", {"back": back}, status=503)
        response["Retry-After"] = str(BUSY_RETRY_SECONDS)
        return response
    except PdfUnavailable:
        return render(request, "pdf_unavailable.html", {"back": back}, status=503)
    return attachment(HttpResponse(body, content_type="application/pdf"), filename)


def document_html(template: str, context: dict[str, Any], *, styles: tuple[str, ...],
                  heading: str) -> str:
    """The document as printed: the same for every reader (a blank request,
    for the tables' tags), so one printing serves them all."""
    context = context | {"styles": inline_stylesheets(*styles) + page_furniture(heading),
                         "request": HttpRequest()}
    return render_to_string(template, context)
