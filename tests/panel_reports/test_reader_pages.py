"""Pages every reader of a kind reads alike, kept but for each reader's own
parts (oversight/core/reader_pages.py): a published report's pages, to
panel members."""

import re

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from oversight.core import held_pages, reader_pages
from oversight.core.reader_pages import ReaderPage
from oversight.core.roles import Role
from panel_reports import workflow
from panel_reports.models import PanelMeeting
from tests.conftest import sign_in
from tests.factories import UserFactory
from tests.pages import page_text

pytestmark = pytest.mark.django_db


def panel_member(first_name):
    return sign_in(Client(), UserFactory(role=Role.PANEL_MEMBER, first_name=first_name,
                                         last_name="Councillor"))


@pytest.fixture
def url(published):
    return reverse("panel_reports:contents", args=[published.pk])


def test_the_next_reader_gets_the_kept_page_with_their_own_header(url, published):
    first = panel_member("Asha").get(url).content.decode()
    assert "Asha Councillor" in first
    kept = ReaderPage.objects.get(path=url).body
    assert "Asha" not in kept and "csrfmiddlewaretoken" not in kept
    assert published.title in kept
    reader = panel_member("Ben")
    reader.get(reverse("accessibility"))  # the session's first save, done
    with CaptureQueriesContext(connection) as queries:
        second = reader.get(url)
    assert len(queries) == 2  # the session with its user, the kept page
    text = page_text(second)
    assert "Signed in as Ben Councillor (Panel member)" in text and "Asha" not in text
    assert published.title in text
    # The sign-out form carries this reader's token: signing out works.
    token = second.content.decode().split('name="csrfmiddlewaretoken" value="')[1][:64]
    signed_out = reader.post(reverse("logout"), {"csrfmiddlewaretoken": token})
    assert signed_out.status_code == 302


TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def tokenless(page) -> str:
    """The page, its sign-out token blanked and its white space taken out."""
    return "".join(TOKEN.sub("token", page.content.decode()).split())


def test_a_kept_page_is_the_one_the_view_renders_for_that_reader(url, monkeypatch):
    panel_member("Asha").get(url)  # the page is kept, with a panel member's header
    user = UserFactory(role=Role.PANEL_MEMBER, first_name="Ben")
    reader = sign_in(Client(), user)
    reader.get(url)  # and his header with it
    user.groups.add(Group.objects.get(name=Role.FORCE_OFFICER))  # another menu
    reader = sign_in(Client(), user)  # the change ended his sessions
    from_kept = tokenless(reader.get(url))
    reader_pages.forget_reader_pages()
    monkeypatch.setattr(reader_pages, "_headers", {})
    rendered = tokenless(reader.get(url))  # the whole page rendered afresh
    assert from_kept == rendered
    assert "ThePlan" in from_kept and "Ben" in from_kept and "Asha" not in from_kept


def test_each_kept_page_has_a_token_of_its_own(url):
    reader = panel_member("Asha")
    pages = [reader.get(url) for _ in range(3)]
    tokens = {TOKEN.search(page.content.decode())[1] for page in pages}
    assert len(tokens) == 3 and not any(reader_pages.TOKEN_SLOT in t for t in tokens)


def test_a_readers_messages_are_their_own(url):
    panel_member("Asha").get(url)
    reader = panel_member("Ben")
    reader.post(reverse("sign_out_elsewhere"))  # says so on the next page
    assert "Signed out of 0 other sessions" in page_text(reader.get(url))
    assert "Signed out of" not in page_text(panel_member("Cai").get(url))
    assert "Signed out of" not in page_text(reader.get(url))  # said once


def test_staff_who_see_drafts_are_never_given_a_kept_page_nor_make_one(url, staff_client):
    assert staff_client.get(url).status_code == 200
    assert not ReaderPage.objects.exists()
    panel_member("Asha").get(url)
    with CaptureQueriesContext(connection) as queries:
        staff_client.get(url)
    assert not any("oversight_readerpage" in q["sql"] for q in queries)


def test_an_unpublished_report_is_not_found_and_nothing_is_kept(draft):
    url = reverse("panel_reports:contents", args=[draft.pk])
    assert panel_member("Asha").get(url).status_code == 404
    assert not ReaderPage.objects.exists()


def test_a_query_string_is_answered_but_never_kept(url):
    assert panel_member("Asha").get(f"{url}?made-up=1").status_code == 200
    assert not ReaderPage.objects.exists()


def test_publishing_forgets_the_kept_pages(url, published, staff, lead,
                                           django_capture_on_commit_callbacks):
    panel_member("Asha").get(url)
    correction = workflow.start_correction(published, staff, "Abandonment rate restated.")
    workflow.submit(correction, staff)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(correction, lead)
    assert not ReaderPage.objects.exists()
    assert "has been corrected by version 2" in page_text(panel_member("Ben").get(url))


def test_changing_the_meeting_a_report_names_forgets_the_kept_pages(
        draft, staff, lead, django_capture_on_commit_callbacks):
    meeting = PanelMeeting.objects.create(date=draft.period_end, place="Kennet Room")
    draft.meeting = meeting
    draft.save(update_fields=["meeting"])
    workflow.submit(draft, staff)
    workflow.publish(draft, lead)
    url = reverse("panel_reports:contents", args=[draft.pk])
    assert "Kennet Room" in page_text(panel_member("Asha").get(url))
    with django_capture_on_commit_callbacks(execute=True):
        meeting.place = "Council Chamber, Swindon"
        meeting.save()
    assert "Council Chamber, Swindon" in page_text(panel_member("Ben").get(url))


def test_memory_holds_a_page_from_when_it_was_read_not_from_each_answer(
        url, settings, monkeypatch):
    settings.PUBLIC_PAGES_IN_MEMORY_SECONDS = 60
    reader_pages.held.clear()
    now = [1000.0]
    monkeypatch.setattr(held_pages, "monotonic", lambda: now[0])
    reader = panel_member("Asha")
    reader.get(url)  # kept, and held in memory from now

    def lookups():
        with CaptureQueriesContext(connection) as queries:
            reader.get(url)
        return sum("oversight_readerpage" in q["sql"] for q in queries)

    now[0] += 50
    assert lookups() == 0
    now[0] += 11  # 61 s since it was read, 11 s since it was last answered
    assert lookups() == 1
