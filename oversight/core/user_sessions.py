"""A person's live sessions. Django keeps no index from user to session, so
they are found by decoding each live one: a small office has few."""

from django.contrib.sessions.models import Session
from django.utils import timezone


def sessions_of(user_ids: set[int]) -> list[str]:
    """The keys of the live sessions of these users."""
    wanted = {str(pk) for pk in user_ids}
    return [session.pk for session in Session.objects.filter(expire_date__gt=timezone.now())
            if session.get_decoded().get("_auth_user_id") in wanted]


def end_sessions(user_ids: set[int], keep: str | None = None) -> int:
    """Sign these users out everywhere (but in the session `keep`); how many ended."""
    ended = [key for key in sessions_of(user_ids) if key != keep]
    Session.objects.filter(pk__in=ended).delete()
    return len(ended)
