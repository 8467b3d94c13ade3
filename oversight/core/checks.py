"""Start-up checks of settings that must agree with each other."""

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, register


@register()
def prints_end_before_their_request(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    """A print must be stopped (and say so) before gunicorn kills its worker."""
    if settings.PDF_TIMEOUT_SECONDS < settings.WEB_TIMEOUT_SECONDS:
        return []
    return [Error(
        f"PDF_TIMEOUT_SECONDS ({settings.PDF_TIMEOUT_SECONDS}) must be below "
        f"WEB_TIMEOUT_SECONDS ({settings.WEB_TIMEOUT_SECONDS})",
        hint="Lower PDF_TIMEOUT_SECONDS, or raise WEB_TIMEOUT_SECONDS (gunicorn's timeout).",
        id="oversight.E001")]
