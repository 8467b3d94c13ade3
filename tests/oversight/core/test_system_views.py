"""/healthz, and what users see when the database is down."""

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from oversight.core.roles import Role
from tests.factories import UserFactory


def test_healthz_needs_no_sign_in_and_checks_the_database(db, client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.fixture
def database_down(transactional_db):
    """Points the connection at a socket folder with no server: a real outage."""
    real = connection.settings_dict.copy()
    connection.close()
    connection.settings_dict["HOST"] = "/nonexistent-socket-dir"
    connection.settings_dict["OPTIONS"] = {}
    yield
    connection.close()
    connection.settings_dict.clear()
    connection.settings_dict.update(real)


def test_healthz_is_503_when_the_database_is_unreachable(database_down):
    response = Client().get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


@pytest.fixture
def signed_in_client(transactional_db):
    client = Client(raise_request_exception=False)
    client.force_login(UserFactory(role=Role.OPCC_STAFF))
    return client


def test_pages_give_a_friendly_503_when_the_database_is_down(signed_in_client, request):
    request.getfixturevalue("database_down")
    response = signed_in_client.get(reverse("plan:current"))
    assert response.status_code == 503
    page = response.content.decode()
    assert "Sorry, the service is unavailable" in page
    assert 'id="main-content"' in page
    assert "Traceback" not in page


@pytest.mark.parametrize(
    ("error", "status", "title"),
    [
        ("OperationalError", 503, "Sorry, the service is unavailable"),
        ("IntegrityError", 500, "Sorry, there is a problem with the service"),
    ],
)
def test_only_a_lost_connection_is_reported_as_unavailable(error, status, title, rf):
    import django.db

    from oversight.core.system_views import server_error

    try:
        raise getattr(django.db, error)("boom")
    except django.db.DatabaseError:
        response = server_error(rf.get("/"))
    assert response.status_code == status
    assert title in response.content.decode()
