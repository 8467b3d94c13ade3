"""The ELG schedule as an iCalendar feed (RFC 5545), written by the icalendar
library, which escapes and folds each line. Ours is the rule for typed text.
Pure: no database, no web code."""

import re
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vText

LONDON = ZoneInfo("Europe/London")
MEETING_LENGTH = timedelta(hours=2)  # ELG meetings are booked for two hours
STATUS = {"scheduled": "CONFIRMED", "held": "CONFIRMED", "cancelled": "CANCELLED"}


# Any line break (CRLF, a lone CR or LF, and the other Unicode breaks) is one
# "\n", which icalendar writes as the two characters "\n": a raw break would end
# the property and let text start a new one.
LINE_BREAK = re.compile(r"\r\n|[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")
# Other control characters are not allowed in a TEXT value at all (RFC 5545 3.3.11).
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f]")


def text(typed: str) -> str:
    return CONTROL.sub("", LINE_BREAK.sub("\n", typed))


def escape(typed: str) -> str:
    """The property value typed text becomes in the feed."""
    return str(vText(text(typed)).to_ical().decode("utf-8"))


# Event UIDs must stay the same whichever address the feed was fetched from,
# or a calendar would hold each meeting twice.
UID_DOMAIN = "pcc-oversight"


def event(meeting: Any, stamp: datetime, url: str) -> Event:
    start = datetime.combine(meeting.date, meeting.starts_at, tzinfo=LONDON).astimezone(UTC)
    item = Event()
    item.add("uid", f"elg-meeting-{meeting.pk}@{UID_DOMAIN}")
    item.add("dtstamp", stamp.astimezone(UTC))
    item.add("dtstart", start)
    item.add("dtend", start + MEETING_LENGTH)
    item.add("summary", text("ELG: " + meeting.topic))
    item.add("description", text(meeting.get_kind_display()))
    item.add("location", text(meeting.place))
    item.add("status", STATUS[meeting.status])
    item.add("url", url)
    return item


def calendar(events: list[Event]) -> str:
    feed = Calendar()
    feed.add("version", "2.0")
    feed.add("prodid", "-//PCC Oversight//ELG schedule//EN")
    feed.add("calscale", "GREGORIAN")
    feed.add("x-wr-calname", "ELG meetings")
    for item in events:
        feed.add_component(item)
    return str(feed.to_ical().decode("utf-8"))
