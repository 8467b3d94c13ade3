"""Lock timeouts: nothing waits long, and a page that would says so plainly."""

import pytest
from django.db import OperationalError, connection
from django.test import RequestFactory

from oversight.core.database import LOCK_TIMEOUT_MS
from oversight.core.locks import Busy, BusyMiddleware, is_lock_timeout
from tests.locking import held, wait_for_locks


def test_every_connection_waits_at_most_the_lock_timeout(db):
    with connection.cursor() as cursor:
        cursor.execute("SHOW lock_timeout")
        assert cursor.fetchone()[0] == f"{LOCK_TIMEOUT_MS // 1000}s"


def test_a_lock_held_elsewhere_times_out_and_is_known_as_such(db):
    with held("scorecard_area"), pytest.raises(OperationalError) as timed_out:
        wait_for_locks(50)
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM scorecard_area")
    assert is_lock_timeout(timed_out.value)
    assert not is_lock_timeout(OperationalError("server closed the connection"))


@pytest.mark.parametrize("error", [Busy(), None])
def test_a_page_that_meets_a_bulk_load_says_so(error, db):
    if error is None:  # a real lock timeout, as a page reading values would meet it
        try:
            with held("scorecard_area"):
                wait_for_locks(50)
                with connection.cursor() as cursor:
                    cursor.execute("SELECT count(*) FROM scorecard_area")
        except OperationalError as timed_out:
            error = timed_out
    request = RequestFactory().get("/scorecard/")
    request.user = None
    response = BusyMiddleware(lambda r: None).process_exception(request, error)
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert "Data are being loaded" in response.content.decode()


def test_other_errors_are_left_alone(db):
    request = RequestFactory().get("/")
    assert BusyMiddleware(lambda r: None).process_exception(request, ValueError()) is None
