"""Spreadsheet formulas, calendar text and download names: text users typed
cannot run in a spreadsheet, start a calendar property or split a header."""

import datetime
import io

import pytest
from django.http import HttpResponse
from django.urls import reverse

from elg import calendar
from elg.models import CalendarFeed
from oversight.core.downloads import attachment
from oversight.core.formulas import is_formula, safe
from oversight.core.roles import Role
from scorecard import kpi_export
from tests.factories import MeetingFactory, UserFactory
from tests.security.hostile_files import FORMULAS

NOT_FORMULAS = ["-5", "+1.5", "2e3", "-.5", " -7 ", "Plain text", "a=b", "5-3", "", "1,234"]


@pytest.mark.parametrize("text", FORMULAS)
def test_cells_a_spreadsheet_would_run_are_formulas(text):
    assert is_formula(text)
    assert safe(text) == "'" + text


@pytest.mark.parametrize("text", NOT_FORMULAS)
def test_plain_numbers_and_text_are_not(text):
    assert not is_formula(text) and safe(text) == text


def test_kpi_exports_quote_formulas_in_csv_and_xlsx():
    header, body = ["Measure", "Note"], [['-1+HYPERLINK("http://x","y")', "+1+cmd|' /C calc'!A0"]]
    csv_text = kpi_export.csv_bytes(header, body).decode("utf-8-sig")
    assert "'-1+HYPERLINK" in csv_text and "'+1+cmd" in csv_text
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(kpi_export.xlsx_bytes(header, body, "t"))).active
    cells = [cell.value for cell in sheet[2]]
    assert cells == body[0]  # shown as typed ...
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in sheet[2])  # ... as text


def test_the_values_importer_refuses_what_exports_would_quote(db):
    import pandas as pd

    from scorecard.importing.reading import looks_like_formula

    cells = pd.Series(FORMULAS + NOT_FORMULAS, dtype="str")
    assert looks_like_formula(cells).tolist() == [True] * len(FORMULAS) + [False] * len(
        NOT_FORMULAS)


@pytest.mark.parametrize("breaker", ["\r", "\n", "\r\n", "\u2028", "\x0b", "\x0c", "\x85"])
def test_no_line_break_reaches_the_calendar_raw(breaker):
    text = calendar.escape(f"Topic{breaker}ATTENDEE:mailto:x@example.org")
    assert text == "Topic\\nATTENDEE:mailto:x@example.org"
    assert calendar.escape("a\x00b\x1bc") == "abc"


def test_a_topic_cannot_add_a_calendar_property(client_for, db):
    MeetingFactory(topic="Safe\rATTENDEE:mailto:evil@example.org\rX-INJECTED:1",
                   place="Room\r\nBEGIN:VALARM")
    text = client_for(Role.OPCC_STAFF).get(reverse("elg:calendar")).content.decode()
    unfolded = text.replace("\r\n ", "")
    lines = unfolded.split("\r\n")
    assert not any(line.startswith(("ATTENDEE", "X-INJECTED", "BEGIN:VALARM")) for line in lines)
    assert "\r" not in unfolded.replace("\r\n", "")


@pytest.mark.parametrize("name, header", [
    ('kpi-a"; b.csv', 'attachment; filename="kpi-a\\"; b.csv"'),
    ("a\r\nSet-Cookie: x=1.csv", 'attachment; filename="a-Set-Cookie: x=1.csv"'),
    ("../../etc/passwd", 'attachment; filename="..-..-etc-passwd"'),
    ("réunion.ics", "attachment; filename*=utf-8''r%C3%A9union.ics"),
])
def test_download_names_are_safe_in_the_header(name, header):
    assert attachment(HttpResponse(), name)["Content-Disposition"] == header


@pytest.fixture
def officer(db):
    return UserFactory(role=Role.FORCE_OFFICER)


def subscribe(client):
    response = client.post(reverse("elg:subscription"), {"action": "issue"})
    assert response.status_code == 200
    return response.context["address"]


def test_a_secret_calendar_address_serves_the_schedule_without_a_session(officer, client):
    MeetingFactory(date=datetime.date(2022, 7, 19))
    client.force_login(officer)
    address = subscribe(client)
    stored = CalendarFeed.objects.get(user=officer)
    token = address.rstrip("/").split("/")[-2]
    assert token not in stored.token_hash and stored.token_hash == CalendarFeed.hash(token)
    client.logout()
    response = client.get(address)
    assert response.status_code == 200
    assert response.content.decode().count("BEGIN:VEVENT") == 1
    assert response["Cache-Control"] == "private, no-store"


def test_replacing_or_revoking_the_address_stops_the_old_one(officer, client):
    client.force_login(officer)
    first = subscribe(client)
    second = subscribe(client)
    assert first != second
    assert client.get(first).status_code == 404 and client.get(second).status_code == 200
    client.post(reverse("elg:subscription"), {"action": "revoke"})
    assert client.get(second).status_code == 404
    assert not CalendarFeed.objects.filter(user=officer).exists()


def test_an_address_stops_when_its_owner_may_no_longer_read_elg(officer, client):
    client.force_login(officer)
    address = subscribe(client)
    officer.groups.clear()
    assert client.get(address).status_code == 404
    officer.groups.set(UserFactory(role=Role.FORCE_OFFICER).groups.all())
    officer.is_active = False
    officer.save()
    assert client.get(address).status_code == 404
