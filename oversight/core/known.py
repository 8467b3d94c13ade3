""""As known on day D": what the portal held at the end of a past day, rebuilt
from the audit trail (history is append-only, so a past day's answer never
changes). Pages take it as ?known=YYYY-MM-DD."""

from datetime import date, datetime, time, timedelta

from django.http import HttpRequest
from django.utils import timezone
from django.utils.formats import date_format

PARAMETER = "known"


def parse_day(text: str | None, today: date | None = None) -> date | None:
    """A past day as YYYY-MM-DD, or None (today's data) for anything else:
    a blank, a malformed date, today or a day still to come."""
    try:
        day = date.fromisoformat((text or "").strip())
    except ValueError:
        return None
    return day if day < (today or timezone.localdate()) else None


def known_day(request: HttpRequest) -> date | None:
    return parse_day(request.GET.get(PARAMETER))


def end_of(day: date) -> datetime:
    """The first instant after `day` in the portal's time zone: a change made
    before it was known at the end of that day."""
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def as_known_label(day: date) -> str:
    """"as known on 19 July 2022"."""
    return f"as known on {date_format(day, 'j F Y')}"
