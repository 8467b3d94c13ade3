"""Concurrency, 20 rounds: a monthly-return save, two imports and a page read
started together. No deadlock error reaches anyone; a conflict is shown
instead of a lost update; exactly one history row per value written."""

import threading
import time

import pghistory
import pytest
from django.db import connection
from django.test import Client

from oversight.core.locks import Busy
from oversight.core.roles import Role
from scorecard import returns
from scorecard.importing.reading import read_table
from scorecard.importing.service import import_values
from scorecard.models import MonthlyValue
from tests.conftest import sign_in
from tests.factories import UserFactory
from tests.scorecard_data import OCT_2023, THIS_MONTH, csv_file

pytestmark = pytest.mark.django_db(transaction=True)
ROUNDS = 20
Event = MonthlyValue.pgh_event_model


def together(*work) -> list:
    """Run each callable in its own thread (its own connection), all released
    at once; what each returned or raised."""
    start, outcomes = threading.Barrier(len(work)), [None] * len(work)

    def run(index: int) -> None:
        start.wait()
        try:
            outcomes[index] = work[index]()
        except Exception as error:  # judged below
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=[i]) for i in range(len(work))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def test_writers_queue_conflicts_are_shown_and_nothing_is_lost(catalogue):
    topic, calls, force = catalogue["topic"], catalogue["count"], catalogue["areas"][0]
    reader = sign_in(Client(), UserFactory(role=Role.FORCE_OFFICER))
    page = topic.get_absolute_url()
    for round_ in range(ROUNDS):
        seen = returns.version(topic, OCT_2023)
        first = Event.objects.order_by("-pgh_id").values_list("pgh_id", flat=True).first() or 0

        def save(value=1000 + round_, seen=seen, round_=round_):
            # Each round the save starts a little later, so over the rounds it
            # meets the imports at every stage: before, during and after their write.
            time.sleep(round_ * 0.005)
            with pghistory.context(writer="return"):
                entry = {"value": value, "aggregation": "sum", "note": ""}
                return returns.save_return(topic, OCT_2023, {(calls.pk, force.pk): entry},
                                           seen_version=seen, reason=f"round {round_}")

        def upload(value, name, round_=round_):
            table = read_table("values.csv", csv_file(f"CALLS,FORCE,2023-10,{value},,,,",
                                                      f"CALLS,FORCE,2023-09,{value},,,,"))
            with pghistory.context(writer=name):
                return import_values(table, this_month=THIS_MONTH, write=True,
                                     reason=f"round {round_}", source="fault suite").written

        saved, first_import, second_import, read = together(
            save, lambda r=round_: upload(2000 + r, "import 1"),
            lambda r=round_: upload(3000 + r, "import 2"), lambda: reader.get(page).status_code)

        for outcome in (saved, first_import, second_import):
            assert isinstance(outcome, int | returns.Conflict | Busy), repr(outcome)
        assert read in (200, 503), "a page read never fails"
        events = list(Event.objects.filter(pgh_id__gt=first).order_by("pgh_id")
                      .values_list("pgh_id", "pgh_context__metadata__writer"))
        written = sum(n for n in (saved, first_import, second_import) if isinstance(n, int))
        assert len(events) == written, "one history row per value written"
        if isinstance(saved, int) and saved:
            mine = [pgh_id for pgh_id, writer in events if writer == "return"]
            # Nothing committed after the form was opened and before the save:
            # otherwise the save would have overwritten it unseen.
            assert not [pgh_id for pgh_id, _ in events if pgh_id < min(mine)], \
                f"round {round_}: a lost update"
        last_writer = [writer for pgh_id, writer in events][-1]
        base = {"return": 1000, "import 1": 2000, "import 2": 3000}[last_writer]
        final = MonthlyValue.objects.get(measure=calls, area=force, month=OCT_2023).value
        assert final == base + round_, "the last writer's value stands"


def no_worker(upload_id: int) -> None:
    raise AssertionError("a small upload is checked and imported in the request")


def test_two_confirmations_at_once_import_once_and_keep_the_record(catalogue):
    from scorecard import uploads
    from scorecard.models import UploadState

    for round_ in range(5):
        MonthlyValue.objects.all().delete()
        saved = uploads.receive(UserFactory(role=Role.OPCC_STAFF), "values.csv",
                                csv_file(f"CALLS,FORCE,2023-10,{round_},,,,"), queue=no_worker)

        def confirm(saved=saved):
            return uploads.confirm(saved, reason="", fingerprint=saved.fingerprint,
                                   queue=no_worker).state

        outcomes = together(confirm, confirm)
        assert outcomes == [UploadState.IMPORTED] * 2, outcomes
        saved.refresh_from_db()
        assert (saved.state, saved.written) == (UploadState.IMPORTED, 1)
        assert saved.imported_at is not None
        assert MonthlyValue.objects.get().value == round_
