"""Walks every URL pattern in the URLconf, for every role and for anonymous
users, and checks the outcome declared in tests/access.py."""


import pytest

from tests import access
from tests.url_walk import outcome, url_cases, walk


@pytest.mark.parametrize("role", access.ROLES, ids=lambda r: str(r or "anonymous"))
def test_every_url_gives_the_declared_outcome(role, url_data, client_for):
    client = client_for(role)
    mismatches = []
    for name, url, admin_app in url_cases(url_data):
        want = access.expected(name, admin_app)[role]
        got = outcome(client.get(url))
        if got != want:
            mismatches.append(f"{url} ({name}): expected {want}, got {got}")
    assert not mismatches, "\n".join(mismatches)


def test_access_table_names_only_urls_that_exist():
    names = {name for name, _, _ in walk()}
    assert set(access.ACCESS) - names == set()


def test_anonymous_users_reach_only_public_pages(url_data):
    reachable = {
        name
        for name, url, admin_app in url_cases(url_data)
        if access.expected(name, admin_app)[access.ANONYMOUS] == access.OK
    }
    public_site = {name for name in reachable if name.startswith("public:")}
    assert public_site and reachable - public_site == {
        "login", "healthz", "accessibility", "home"}


def test_anonymous_users_can_fetch_static_files(client):
    response = client.get("/static/css/app.css")
    assert response.status_code == 200
    assert b"govuk-" in b"".join(response.streaming_content)
