"""The ELG schedule as an iCalendar feed (RFC 5545). Pure: no database, no web code."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
MEETING_LENGTH = timedelta(hours=2)  # ELG meetings are booked for two hours
STATUS = {"scheduled": "CONFIRMED", "held": "CONFIRMED", "cancelled": "CANCELLED"}


def escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space."""
    data, parts = line.encode("utf-8"), []
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


def event(meeting, stamp: datetime, host: str, url: str) -> list[str]:
    start = datetime.combine(meeting.date, meeting.starts_at, tzinfo=LONDON)
    return [
        "BEGIN:VEVENT",
        f"UID:elg-meeting-{meeting.pk}@{host}",
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
