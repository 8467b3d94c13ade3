"""Walking the public site as a visitor who is not signed in: every page linked
from the home page, in every format (HTML, CSV, CSVW metadata, PDF), with the
text each holds."""

import io
import re
from collections import deque

from pypdf import PdfReader

LINK = re.compile(r'href="(/public/[^"#?]*)"')


def text_of(response) -> str:
    content_type = response["Content-Type"]
    if content_type.startswith("application/pdf"):
        return "\n".join(page.extract_text() for page in PdfReader(
            io.BytesIO(response.content)).pages)
    return response.content.decode()


def walk(client, start: str = "/public/") -> dict[str, str]:
    """Every public address reachable from `start`, and its text."""
    found: dict[str, str] = {}
    waiting = deque([start])
    while waiting:
        url = waiting.popleft()
        if url in found:
            continue
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        found[url] = text_of(response)
        if response["Content-Type"].startswith("text/html"):
            waiting.extend(set(LINK.findall(found[url])) - found.keys())
    return found
