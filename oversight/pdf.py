"""PDF documents printed by headless Chromium from the page's own HTML and
print stylesheet, so the PDF and the browser's print-out are the same
document (decision record 0005). Chromium writes tagged PDF."""

import shutil
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

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
# The page's own @page rules head and number the pages, not Chromium's.
FLAGS = [*CHROMIUM_FLAGS, "--no-pdf-header-footer"]
# (Turning scripts off with --blink-settings stops Chromium writing the PDF;
# the documents printed here are our own templates, with no scripts.)


class PdfUnavailable(Exception):
    """Chromium is missing or failed: the page's own Print still works."""


def chromium() -> str | None:
    """CHROMIUM if set (an unusable path counts as missing), else Debian's."""
    configured = settings.CHROMIUM_PATH
    if configured:
        return configured if Path(configured).is_file() else None
    return shutil.which("chromium") or shutil.which("chromium-browser")


def html_to_pdf(html: str) -> bytes:
    program = chromium()
    if program is None:
        raise PdfUnavailable("Chromium is not installed on the server.")
    with tempfile.TemporaryDirectory(prefix="pcc-pdf-") as folder:
        page, pdf = Path(folder) / "document.html", Path(folder) / "document.pdf"
        page.write_text(html, encoding="utf-8")
        command = [program, *FLAGS, f"--user-data-dir={folder}/profile",
                   f"--print-to-pdf={pdf}", page.as_uri()]
        try:
            subprocess.run(command, check=True, capture_output=True,  # noqa: S603
                           timeout=settings.PDF_TIMEOUT_SECONDS)
        except (subprocess.SubprocessError, OSError) as error:
            raise PdfUnavailable(f"Chromium could not print the document: {error}") from error
        if not pdf.exists():
            raise PdfUnavailable("Chromium did not write the PDF.")
        return pdf.read_bytes()


def inline_stylesheets(*names: str) -> str:
    """The named static stylesheets' text, for a document printed from a file."""
    return "\n".join(Path(finders.find(name)).read_text(encoding="utf-8") for name in names)


def css_string(text: str) -> str:
    """Text as a quoted CSS string."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return f'"{escaped}"'


def page_furniture(heading: str) -> str:
    """@page rules that head every page with `heading` and number the pages."""
    return (
        "@page { @top-left { content: " + css_string(heading) + "; font: 9pt sans-serif; }\n"
        '  @bottom-right { content: "Page " counter(page) " of " counter(pages); '
        "font: 9pt sans-serif; } }\n"
    )


def pdf_download(request, template, context, *, styles, heading, filename, back):
    """The document `template` printed to PDF, as an attachment named `filename`,
    its pages headed `heading` and numbered; if Chromium cannot print it, a page
    that says so and links `back` to the page the browser can print."""
    context = context | {"styles": inline_stylesheets(*styles) + page_furniture(heading)}
    try:
        body = html_to_pdf(render_to_string(template, context, request=request))
    except PdfUnavailable:
        return render(request, "pdf_unavailable.html", {"back": back}, status=503)
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
