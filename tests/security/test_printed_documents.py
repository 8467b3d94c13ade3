"""An attacker's text in every part of a printed document: it must print as
text, and Chromium must neither read a file nor reach the network.

A loopback "canary" server stands for anything on the server's network; the
payloads break out of a CSS string and of <style>, frame /etc/passwd, run a
script and load an image from the canary."""

import datetime
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO

import pytest
from django.urls import reverse

from elg.models import Theme
from oversight.core import pdf
from oversight.core.roles import Role
from panel_reports import workflow
from panel_reports.models import Acronym, PanelMeeting, Report
from tests.factories import BriefingFactory, RecommendationFactory, UserFactory
from tests.history_time import made_by
from tests.scorecard_data import OCT_2023

SECRET_FILE_TEXT = "root:x:0:0"
SCRIPT_MARK = "SCRIPT-RAN"


class Canary(ThreadingHTTPServer):
    """Records every request made to it."""

    def __init__(self):
        self.requests: list[str] = []
        canary = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (the standard library's name)
                canary.requests.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.end_headers()
                self.wfile.write(b"CANARY-CONTENT")

            def log_message(self, *args):
                pass

        super().__init__(("127.0.0.1", 0), Handler)

    @property
    def address(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


@pytest.fixture
def canary():
    server = Canary()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def payload(canary: Canary, where: str) -> str:
    """Every break-out at once, tagged with where it was typed (at most 200
    characters, the shortest text field's length)."""
    return (f'{where} </style><iframe src=file:///etc/passwd width=900 height=400></iframe>'
            f'<style> "}} <script>document.write("{SCRIPT_MARK}")</script>'
            f'<img src="{canary.address}/{where[:3]}">\\"\n')


def pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(content)).pages)


def squeezed(text: str) -> str:
    """Text without whitespace: PDF text extraction splits and joins lines."""
    return "".join(text.split())


def assert_contained(text: str, canary: Canary) -> None:
    assert SECRET_FILE_TEXT not in text
    assert SCRIPT_MARK not in text.replace(f'("{SCRIPT_MARK}")', "")
    assert "CANARY-CONTENT" not in text
    assert canary.requests == []


def test_the_payload_fits_every_field(canary):
    assert len(payload(canary, "EXECUTIVE_SUMMARY")) <= 200


def test_a_hostile_briefing_prints_as_text(client_for, pdf_printer, canary, current_plan):
    objective = current_plan.priorities.first().objectives.first()
    text = {field: payload(canary, field.upper()) for field in
            ["topic", "purpose", "force_asked", "executive_summary", "expectations", "focus"]}
    briefing = BriefingFactory(meeting__objectives=[objective],
                               meeting__place=payload(canary, "PLACE"), **text)
    briefing.questions.create(theme=Theme.objects.create(name=payload(canary, "THEME")),
                              text=payload(canary, "QUESTION"))
    RecommendationFactory(objectives=[objective], text=payload(canary, "FINDING"))
    made_by(briefing.meeting.date)  # the finding known on the meeting day
    response = client_for(Role.FORCE_OFFICER).get(
        reverse("elg:briefing_pdf", args=[briefing.meeting_id]))
    assert response["Content-Type"] == "application/pdf"
    printed = pdf_text(response.content)
    assert_contained(printed, canary)
    # Each part is printed literally, the page heading included.
    for where in ["TOPIC", "PURPOSE", "EXECUTIVE_SUMMARY", "QUESTION", "FINDING"]:
        assert squeezed(f"{where} </style><iframe src=file:///etc/passwd") in squeezed(printed)
    heading = squeezed("KLOE briefing: TOPIC </style><iframe src=file:///etc/passwd")
    assert squeezed(printed).count(heading) >= 2, "the heading on every page"


@pytest.mark.usefixtures("kpi_data")
def test_a_hostile_panel_report_prints_as_text(client_for, pdf_printer, canary, current_plan):
    staff, lead = UserFactory(role=Role.OPCC_STAFF), UserFactory(role=Role.OPCC_LEAD)
    Acronym.objects.create(acronym="PWN", meaning=payload(canary, "ACRONYM"))
    later = PanelMeeting.objects.create(date=datetime.date(2024, 2, 1),
                                        place=payload(canary, "PANELPLACE"))
    later.items.create(title=payload(canary, "AGENDA"))
    report = workflow.create_draft(Report(
        period_start=datetime.date(2023, 9, 1), period_end=datetime.date(2023, 12, 1),
        reference_month=OCT_2023, assessment="PWN: " + payload(canary, "ASSESSMENT")), staff)
    report.sections.update(outcomes=payload(canary, "OUTCOMES"), focus=payload(canary, "FOCUS"),
                           risks=payload(canary, "RISKS"))
    report.topic_pages.update(so_what=payload(canary, "SOWHAT"),
                              now_what=payload(canary, "NOWWHAT"))
    workflow.submit(report, staff)
    workflow.publish(report, lead)
    response = client_for(Role.PANEL_MEMBER).get(reverse("panel_reports:pdf", args=[report.pk]))
    assert response["Content-Type"] == "application/pdf"
    printed = pdf_text(response.content)
    assert_contained(printed, canary)
    for where in ["ASSESSMENT", "OUTCOMES", "FOCUS", "RISKS", "SOWHAT", "NOWWHAT", "ACRONYM",
                  "PANELPLACE", "AGENDA"]:
        assert squeezed(f"{where}") in squeezed(printed)
        assert squeezed(f"{where} </style><iframe src=file:///etc/passwd"
                        ) in squeezed(printed), where


def test_the_document_policy_stops_markup_that_got_in(pdf_printer, canary):
    """Even raw markup in the document can load nothing: no file, no request."""
    html = (f'<!DOCTYPE html><html><head><title>t</title></head><body><p>Visible</p>'
            f'<iframe src="file:///etc/passwd" width=900 height=400></iframe>'
            f'<img src="{canary.address}/img"><iframe src="{canary.address}/frame"></iframe>'
            f'<script>document.write("{SCRIPT_MARK}")</script></body></html>')
    printed = pdf_text(pdf.html_to_pdf(html))
    assert "Visible" in printed
    assert_contained(printed, canary)


def test_css_strings_cannot_end_themselves():
    hostile = '</style>"; } body { color: red } \\" \n\r\u2028<'
    quoted = pdf.css_string(hostile)
    inner = quoted[1:-1]
    assert quoted.startswith('"') and quoted.endswith('"')
    assert not set(inner) & set('"<>\n\r;{}\u2028') and "\\\\" not in inner
    assert pdf.css_string("Page 1") == '"Page 1"'
    assert pdf.css_string("a:b") == '"a\\3a b"'  # the space ends the escape


def test_every_printed_document_carries_the_policy():
    html = pdf.with_document_policy('<html><head lang="en"><title>t</title></head></html>')
    assert html.index("Content-Security-Policy") < html.index("<title>")
    assert "default-src 'none'" in html
    with pytest.raises(pdf.PdfUnavailable):
        pdf.with_document_policy("<p>no head</p>")


def test_chromium_prints_without_network_as_an_unprivileged_user(monkeypatch, settings):
    assert "--no-sandbox" not in pdf.PRINT_FLAGS
    assert any(flag.startswith("--proxy-server=") for flag in pdf.PRINT_FLAGS)
    assert "--proxy-bypass-list=<-loopback>" in pdf.PRINT_FLAGS
    monkeypatch.setattr(pdf.os, "geteuid", lambda: 0)
    user = pdf._print_user()
    assert user is not None and user.pw_uid != 0 and pdf._sandbox_flags(user) == []
    monkeypatch.setattr(pdf.os, "geteuid", lambda: 1000)
    settings.PDF_SANDBOX = False
    assert pdf._sandbox_flags(pdf._print_user()) == ["--no-sandbox"]


def test_a_document_that_navigates_away_prints_nothing_of_the_file(pdf_printer):
    """Navigation is not a load the policy can stop: Chromium then writes no PDF
    (the download says it cannot print), and never the file navigated to."""
    html = ('<!DOCTYPE html><html><head><title>t</title><meta http-equiv="refresh" '
            'content="0;url=file:///etc/passwd"></head><body><p>Visible</p></body></html>')
    try:
        printed = pdf_text(pdf.html_to_pdf(html))
    except pdf.PdfUnavailable:
        return
    assert SECRET_FILE_TEXT not in printed
