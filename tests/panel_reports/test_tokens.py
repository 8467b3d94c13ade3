"""Figure tokens and acronyms, directly: what each token becomes, what each
mistake is told, and where an acronym is explained."""

from types import SimpleNamespace

import pytest

from panel_reports.glossary import Marker
from panel_reports.tokens import TokenError, book_of, problems, render, token
from scorecard.kpi_rows import KpiRow, figure_text

FORCE = SimpleNamespace(code="FORCE", is_force=True)
COUNTY = SimpleNamespace(code="COUNTY", is_force=False)
SWINDON = SimpleNamespace(code="SWINDON", is_force=False)


def row(code, unit, area=FORCE, **figures):
    return KpiRow(SimpleNamespace(code=code, unit=unit), area, code, 0, figures)


@pytest.fixture
def book():
    return book_of([
        row("CALLS", "count", value=9429, twelve_months=107875, year_on_year=17.74),
        row("ABANDON", "percentage", value=0.7, year_on_year=-1.2),
        row("WAIT", "duration", COUNTY, value=5595, year_on_year=1471),
        row("WAIT", "duration", SWINDON, value=8134, year_on_year=3381),
        row("OUTSTANDING", "count", COUNTY, value=415),
    ])


@pytest.mark.parametrize(("text", "shown"), [
    ("[[CALLS:month]]", "9,429"),
    ("[[CALLS:twelve_months]]", "107,875"),
    ("[[CALLS:year_on_year]]", "17.7%"),
    ("[[ABANDON:year_on_year]]", "-1.2% points"),
    ("[[ABANDON:change]]", "1.2 percentage points"),
    ("[[ABANDON:month]]", "0.7%"),
    ("[[WAIT/COUNTY:month]]", "01:33:15"),
    ("[[WAIT/SWINDON:year_on_year]]", "00:56:21"),
    ("[[wait/swindon : change]]", "00:56:21"),  # case and spaces forgiven
    ("[[OUTSTANDING:month]]", "415"),  # the only area needs no name
    ("[[CALLS:three_months]]", "–"),  # no figure: a dash, as in the table
])
def test_a_token_becomes_the_figure_in_its_unit(book, text, shown):
    assert render(f"Up {text} on last year.", book) == f"Up {shown} on last year."
    assert problems(text, book) == []


@pytest.mark.parametrize(("text", "message"), [
    ("[[CALLS]]", "[[CALLS]] is not a figure token: write [[MEASURE:figure]] or "
                  "[[MEASURE/AREA:figure]]."),
    ("[[CALLS:yoy]]", "[[CALLS:yoy]] names no figure “yoy”: use one of month, "
                      "three_months, twelve_months, year_on_year, change, trend, "
                      "exceptions, weighting."),
    ("[[ROBBERY:month]]", "[[ROBBERY:month]]: measure ROBBERY is not in this report."),
    ("[[WAIT:month]]", "[[WAIT:month]]: measure WAIT is reported for COUNTY and SWINDON; "
                       "name one, for example [[WAIT/COUNTY:month]]."),
    ("[[CALLS/SWINDON:month]]", "[[CALLS/SWINDON:month]]: measure CALLS is not reported for "
                                "area SWINDON; use FORCE."),
])
def test_a_bad_token_is_named_in_its_message(book, text, message):
    assert problems(f"Fine [[CALLS:month]], then {text}.", book) == [message]
    with pytest.raises(TokenError):
        render(text, book)


def test_every_bad_token_is_reported_in_order(book):
    found = problems("[[A:month]] and [[CALLS:nope]]", book)
    assert [m.split("]]")[0] for m in found] == ["[[A:month", "[[CALLS:nope"]


def test_a_rows_token_names_its_area_unless_it_is_the_force(book):
    calls, county_wait = book.rows[("CALLS", "FORCE")], book.rows[("WAIT", "COUNTY")]
    assert token(calls, "change") == "[[CALLS:change]]"
    assert token(county_wait, "month") == "[[WAIT/COUNTY:month]]"
    assert render(token(county_wait, "month"), book) == figure_text(county_wait, "month")


def test_an_acronym_is_explained_at_its_first_use_only():
    marker = Marker({"DA": "Domestic Abuse", "DVPO/N": "Domestic Violence Protection Orders",
                     "CCC": "Command Control Centre"})
    first = marker.segments("DA arrests and DVPO/N use rose; DA volumes fell.")
    later = marker.segments("More DA work; DATA and ADA are not acronyms here.")
    assert first == [["DA", "Domestic Abuse"], [" arrests and ", None],
                     ["DVPO/N", "Domestic Violence Protection Orders"],
                     [" use rose; DA volumes fell.", None]]
    assert later == [["More DA work; DATA and ADA are not acronyms here.", None]]
    assert marker.listed() == [{"acronym": "DA", "meaning": "Domestic Abuse"},
                               {"acronym": "DVPO/N",
                                "meaning": "Domestic Violence Protection Orders"}]


def test_text_written_one_point_a_line_loses_typed_bullets_and_blank_lines():
    marker = Marker({})
    assert marker.block("- First\n\n• Second\n  Third  ") == [
        [["First", None]], [["Second", None]], [["Third", None]]]
