"""The schedule builder's rules, half-years and the calendar feed: pure functions."""

from datetime import date, datetime, time
from types import SimpleNamespace

import pytest

from elg import calendar
from elg.half_years import HalfYear
from elg.schedule import (
    REVIEW,
    SCRUTINY,
    deal_topics,
    kinds_by_month,
    nth_weekdays,
    objective_codes,
    propose,
)

R = "review topic"


def test_first_meeting_of_a_month_scrutinises_and_the_second_reviews():
    days = [date(2022, 10, 3), date(2022, 10, 17), date(2022, 10, 31), date(2022, 11, 15)]
    assert kinds_by_month(days) == [SCRUTINY, REVIEW, SCRUTINY, SCRUTINY]


def test_topics_are_dealt_in_order_to_scrutiny_meetings_and_start_again():
    kinds = [SCRUTINY, REVIEW, SCRUTINY, SCRUTINY, REVIEW, SCRUTINY]
    assert deal_topics(kinds, ["A", "B", "C"], R) == ["A", R, "B", "C", R, "A"]


def test_proposal_sorts_the_dates():
    rows = propose([date(2023, 2, 14), date(2023, 1, 10), date(2023, 1, 24)], ["A", "B"], R)
    assert [(r.date.day, r.kind, r.topic) for r in rows] == [
        (10, SCRUTINY, "A"), (24, REVIEW, R), (14, SCRUTINY, "B")]


def test_nth_weekdays_gives_the_first_and_third_tuesdays_and_skips_a_missing_fifth():
    months = HalfYear(2023, 1).months[:2]
    assert nth_weekdays(months, 1, [1, 3]) == [
        date(2023, 1, 3), date(2023, 1, 17), date(2023, 2, 7), date(2023, 2, 21)]
    assert nth_weekdays(months, 1, [5]) == [date(2023, 1, 31)]  # February has four


@pytest.mark.parametrize(("topic", "codes"), [
    ("2.1 Violence Reduction and Domestic Abuse / 2.2 VAWG", ["2.1", "2.2"]),
    ("3.2 Road Safety, 3.3 Rural and Heritage Crime", ["3.2", "3.3"]),
    ("1.2 Quality of policing services - Reporting and Response", ["1.2"]),
    ("1.2 again and 1.2", ["1.2"]),
    ("Version 10.2.1 of 2022", []),
    ("No code at all", []),
])
def test_objective_codes_are_read_from_the_topic(topic, codes):
    assert objective_codes(topic) == codes


def test_half_years():
    half = HalfYear.parse("2022-H2")
    assert (half.label, half.key, half.next.key) == ("H2 2022", "2022-H2", "2023-H1")
    assert HalfYear(2023, 1).next == HalfYear(2023, 2)
    assert HalfYear(2023, 1).previous == HalfYear(2022, 2)
    assert HalfYear(2023, 2).previous == HalfYear(2023, 1)
    assert HalfYear.of(date(2022, 6, 30)) == HalfYear(2022, 1)
    assert half.months[0] == date(2022, 7, 1) and half.months[-1] == date(2022, 12, 1)
    with pytest.raises(ValueError):
        HalfYear.parse("2022-H3")


def meeting(**fields):
    defaults = {"pk": 7, "date": date(2022, 7, 19), "starts_at": time(10, 0),
                "topic": "1.2 Quality; of, policing\\services", "place": "HQ, Devizes",
                "status": "cancelled", "get_kind_display": lambda: "Plan scrutiny"}
    return SimpleNamespace(**(defaults | fields))


def feed_lines(*meetings, stamp=datetime(2026, 1, 1, 12, tzinfo=calendar.LONDON), url="u"):
    """The feed's lines for these meetings, unfolded."""
    text = calendar.calendar([calendar.event(m, stamp, url) for m in meetings])
    return text.replace("\r\n ", "").split("\r\n")


def test_calendar_event_is_in_utc_with_escaped_text_and_status():
    lines = feed_lines(meeting(), url="https://portal.example/elg/meetings/7/")
    assert "DTSTART:20220719T090000Z" in lines  # 10:00 BST
    assert "DTEND:20220719T110000Z" in lines
    assert "SUMMARY:ELG: 1.2 Quality\\; of\\, policing\\\\services" in lines
    assert "LOCATION:HQ\\, Devizes" in lines
    assert "STATUS:CANCELLED" in lines
    assert "UID:elg-meeting-7@pcc-oversight" in lines  # whatever the host


def test_winter_meetings_are_on_gmt():
    lines = feed_lines(meeting(date=date(2022, 12, 12), status="scheduled"))
    assert "DTSTART:20221212T100000Z" in lines and "STATUS:CONFIRMED" in lines


def test_calendar_lines_are_folded_at_75_octets_without_splitting_characters():
    text = calendar.calendar([calendar.event(meeting(topic="é" * 100),
                                             datetime(2026, 1, 1, tzinfo=calendar.LONDON), "u")])
    lines = text.split("\r\n")
    assert all(len(line.encode()) <= 75 for line in lines)
    unfolded = text.replace("\r\n ", "")
    assert "SUMMARY:ELG: " + "é" * 100 in unfolded
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
