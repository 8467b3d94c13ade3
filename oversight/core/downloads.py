"""Files the portal sends as downloads."""

import re
from typing import TypeVar

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header

UNSAFE_IN_NAME = re.compile(r"[\x00-\x1f\x7f/\\]+")
Download = TypeVar("Download", HttpResponse, StreamingHttpResponse)


def attachment(response: Download, filename: str) -> Download:
    """Send `response` as a download named `filename`. The name may hold text
    users typed: control characters and path separators become "-", and
    Django quotes or percent-encodes the rest (RFC 6266)."""
    response["Content-Disposition"] = content_disposition_header(
        True, UNSAFE_IN_NAME.sub("-", filename)) or "attachment"
    return response
