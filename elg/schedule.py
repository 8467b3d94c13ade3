"""Proposing an ELG schedule: which meeting scrutinises which topic.

Seed 000: the first meeting of each month scrutinises the next Plan topic
and the second reviews the PEEL plan and overall performance. Pure: no
database, no web code.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date
from itertools import cycle

SCRUTINY, REVIEW = "scrutiny", "review"
# Objective codes written in a topic: "2.1 Violence Reduction / 2.2 VAWG".
OBJECTIVE_CODE = re.compile(r"(?<![\d.])(\d{1,2}\.\d{1,2})(?![\d.])")


@dataclass
class ProposedMeeting:
    date: date
    kind: str
    topic: str = ""


def nth_weekdays(months: list[date], weekday: int, weeks: list[int]) -> list[date]:
    """The given weeks' weekday in each month: weeks [1, 3] and weekday 1 give
    the first and third Tuesdays. A fifth weekday that a month lacks is skipped."""
    days = []
    for month in months:
        matching = [week[weekday] for week in calendar.monthcalendar(month.year, month.month)
                    if week[weekday]]
        days += [month.replace(day=matching[n - 1]) for n in weeks if n <= len(matching)]
    return sorted(days)


def kinds_by_month(dates: list[date]) -> list[str]:
    """First meeting of a month scrutinises, the second reviews, and so on in turn."""
    kinds: list[str] = []
    seen: dict[tuple[int, int], int] = {}
    for day in sorted(dates):
        place = seen.get((day.year, day.month), 0)
        seen[(day.year, day.month)] = place + 1
        kinds.append(SCRUTINY if place % 2 == 0 else REVIEW)
    return kinds


def deal_topics(kinds: list[str], rotation: list[str], review_topic: str) -> list[str]:
    """The rotation's topics dealt out in order to the scrutiny meetings (starting
    again from the top if it runs out); every review gets the review topic."""
    topics = cycle(rotation) if rotation else cycle([""])
    return [next(topics) if kind == SCRUTINY else review_topic for kind in kinds]


def propose(dates: list[date], rotation: list[str], review_topic: str) -> list[ProposedMeeting]:
    dates = sorted(dates)
    kinds = kinds_by_month(dates)
    topics = deal_topics(kinds, rotation, review_topic)
    return [ProposedMeeting(*row) for row in zip(dates, kinds, topics, strict=True)]


def objective_codes(topic: str) -> list[str]:
    """Objective codes a topic names, in order, each once."""
    return list(dict.fromkeys(OBJECTIVE_CODE.findall(topic)))
