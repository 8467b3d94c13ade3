"""What a printed PDF's pages hold."""

import io

from pypdf import PdfReader


def empty_pages(pdf: bytes, heading: str) -> list[int]:
    """The pages that hold nothing but their heading and page number."""
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]
    return [number for number, text in enumerate(pages, start=1)
            if not text.replace(heading, "").replace(f"Page {number} of {len(pages)}", "").strip()]
