"""The ELG schedule as an iCalendar feed (RFC 5545). Pure: no database, no web code."""

import re
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
MEETING_LENGTH = timedelta(hours=2)  # ELG meetings are booked for two hours
STATUS = {"scheduled": "CONFIRMED", "held": "CONFIRMED", "cancelled": "CANCELLED"}


# Any line break (CRLF, a lone CR or LF, and the other Unicode breaks) is one
# "\n": a raw one would end the property and let text start a new one.
LINE_BREAK = re.compile(r"\r\n|[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")
# Other control characters are not allowed in a TEXT value at all (RFC 5545 3.3.11).
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f]")


def escape(text: str) -> str:
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return CONTROL.sub("", LINE_BREAK.sub(r"\\n", text))


def fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space."""
    data, parts = line.encode("utf-8"), list[bytes]()
    while len(data) > 75:
        cut = 75 if not parts else 74
        while cut and (data[cut] & 0xC0) == 0x80:  # never split a UTF-8 character
            cut -= 1
        parts.append(data[:cut])
        data = data[cut:]
    parts.append(data)
    return "\r\n ".join(part.decode("utf-8") for part in parts)


def utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


# Event UIDs must stay the same whichever address the feed was fetched from,
# or a calendar would hold each meeting twice.
UID_DOMAIN = "pcc-oversight"


def event(meeting: Any, stamp: datetime, url: str) -> list[str]:
    start = datetime.combine(meeting.date, meeting.starts_at, tzinfo=LONDON)
    return [
        "BEGIN:VEVENT",
        f"UID:elg-meeting-{meeting.pk}@{UID_DOMAIN}",
        f"DTSTAMP:{utc(stamp)}",
        f"DTSTART:{utc(start)}",
        f"DTEND:{utc(start + MEETING_LENGTH)}",
        f"SUMMARY:{escape('ELG: ' + meeting.topic)}",
        f"DESCRIPTION:{escape(meeting.get_kind_display())}",
        f"LOCATION:{escape(meeting.place)}",
        f"STATUS:{STATUS[meeting.status]}",
        f"URL:{url}",
        "END:VEVENT",
    ]


def calendar(events: list[list[str]]) -> str:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//PCC Oversight//ELG schedule//EN",
             "CALSCALE:GREGORIAN", "X-WR-CALNAME:ELG meetings"]
    for lines_of_event in events:
        lines += lines_of_event
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
