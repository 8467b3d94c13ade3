"""A person's live sessions, found by whose they are (the session table
says: oversight/core/session_store.py)."""

from django.utils import timezone

from oversight.core.session_store import PortalSession


def sessions_of(user_ids: set[int]) -> list[str]:
    """The keys of the live sessions of these users."""
    return list(PortalSession.objects.filter(user_id__in=user_ids,
                                             expire_date__gt=timezone.now())
                .values_list("session_key", flat=True))


def end_sessions(user_ids: set[int], keep: str | None = None) -> int:
    """Sign these users out everywhere (but in the session `keep`); how many ended."""
    ended = [key for key in sessions_of(user_ids) if key != keep]
    PortalSession.objects.filter(pk__in=ended).delete()
    return len(ended)
