"""The public site's kept pages (oversight/core/public_cache.py): rendered once,
then answered from the cache in one query with an ETag, Last-Modified and
Cache-Control: public, 304 to a conditional GET, and forgotten when anything
is published."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils.http import http_date

from oversight.core import held_pages, public_cache, publishing
from oversight.core.public_cache import PublicPage
from tests.publications import decision, published_decision

REGISTER = "/public/decisions/"


def test_a_public_page_is_kept_and_answered_in_one_query(staff, lead):
    published_decision(staff, lead, "2026/020", "Victim services contract")
    first = Client().get(REGISTER)
    assert first["Cache-Control"] == "public, max-age=300"
    assert first["ETag"] and "Content-Security-Policy" in first
    assert "Vary" not in first and not first.cookies
    with CaptureQueriesContext(connection) as queries:
        again = Client().get(REGISTER)
    assert len(queries) == 1
    assert again.content == first.content and again["ETag"] == first["ETag"]
    assert again["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_conditional_gets_are_answered_not_modified(staff, lead):
    found = published_decision(staff, lead, "2026/021", "Drone unit")
    url = f"/public/decisions/{found.public_key()}/"
    first = Client().get(url)
    published_at = PublicPage.objects.get(path=url).last_modified
    assert first["Last-Modified"] == http_date(published_at.timestamp())
    assert Client().get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert Client().get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    assert Client().get(url, HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_publishing_anything_forgets_the_kept_pages(staff, lead,
                                                     django_capture_on_commit_callbacks):
    published_decision(staff, lead, "2026/022", "Estates review")
    before = Client().get(REGISTER)
    later = decision("2026/023", "Fleet replacement")
    publishing.submit(later, staff)
    with django_capture_on_commit_callbacks(execute=True):
        publishing.publish(later, lead)
    after = Client().get(REGISTER)
    assert b"Fleet replacement" in after.content and after["ETag"] != before["ETag"]


def test_a_page_rendered_for_a_signed_in_user_is_not_kept(staff, lead, staff_client):
    published_decision(staff, lead, "2026/024", "Custody suite")
    assert staff_client.get(REGISTER).status_code == 200
    assert not PublicPage.objects.exists()
    Client().get(REGISTER)
    assert PublicPage.objects.filter(path=REGISTER).exists()


def test_a_process_answers_a_page_from_memory_for_a_moment(staff, lead, settings,
                                                           django_capture_on_commit_callbacks):
    settings.PUBLIC_PAGES_IN_MEMORY_SECONDS = 60
    public_cache.held.clear()
    published_decision(staff, lead, "2026/025", "Neighbourhood policing")
    Client().get(REGISTER)
    with CaptureQueriesContext(connection) as queries:
        again = Client().get(REGISTER)
    assert len(queries) == 0 and b"Neighbourhood policing" in again.content
    later = decision("2026/026", "Rural crime")
    publishing.submit(later, staff)
    with django_capture_on_commit_callbacks(execute=True):
        publishing.publish(later, lead)  # this process forgets at once
    assert b"Rural crime" in Client().get(REGISTER).content


def test_an_address_with_a_query_string_is_answered_but_not_kept(staff, lead):
    published_decision(staff, lead, "2026/027", "Cyber crime unit")
    assert Client().get(f"{REGISTER}?made-up=1").status_code == 200
    assert not PublicPage.objects.exists()


def test_memory_holds_a_page_from_when_it_was_read_not_from_each_answer(
        staff, lead, settings, monkeypatch):
    """Answering from memory does not extend it: a page busy for longer than
    the moment would otherwise never see another process's publication."""
    settings.PUBLIC_PAGES_IN_MEMORY_SECONDS = 60
    public_cache.held.clear()
    now = [1000.0]
    monkeypatch.setattr(held_pages, "monotonic", lambda: now[0])
    published_decision(staff, lead, "2026/028", "Road safety")
    Client().get(REGISTER)  # kept, and held in memory from now

    def queries():
        with CaptureQueriesContext(connection) as captured:
            Client().get(REGISTER)
        return len(captured)

    now[0] += 50
    assert queries() == 0
    now[0] += 11  # 61 s since it was read, 11 s since it was last answered
    assert queries() == 1
