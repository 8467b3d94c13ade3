"""The audit log: every change, newest first, for the OPCC lead and the
administrator only; filtered by person, kind of record and date; a page at a
time by keyset, in a bounded number of queries; downloadable as CSV."""

import csv
import io

import pghistory
import pytest
from django.urls import reverse

from elg.models import Action
from oversight.core.roles import Role
from oversight.portal import audit_log
from tests import access
from tests.conftest import sign_in
from tests.factories import ActionFactory, UserFactory
from tests.pages import page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def changes_by(db):
    """changes_by(user, count): `count` actions added as `user`. Users and the
    meeting are made first: pghistory's context lasts to the end of its
    transaction (here the test's), so whatever follows it would be theirs."""
    meeting = ActionFactory().meeting

    def add(user, count, reason="Tidied"):
        with pghistory.context(user=user.pk, reason=reason):
            return [ActionFactory(meeting=meeting, description=f"Action {n}")
                    for n in range(count)]

    return add


@pytest.fixture
def lead(client):
    user = UserFactory(role=Role.OPCC_LEAD, first_name="Tom", last_name="Okafor")
    sign_in(client, user)
    return user


@pytest.mark.parametrize("role", [r for r in access.ROLES if r], ids=str)
def test_only_the_lead_and_the_administrator_read_the_log(role, client_for):
    allowed = role in (Role.OPCC_LEAD, Role.ADMINISTRATOR)
    client = client_for(role)
    for url in (reverse("audit_log"), reverse("audit_log_csv")):
        assert client.get(url).status_code == (200 if allowed else 403)


def test_the_log_shows_who_what_old_new_and_why(client, lead, changes_by):
    author = UserFactory(first_name="Priya", last_name="Shah")
    action = changes_by(author, 1, reason="Owner confirmed")[0]
    with pghistory.context(user=author.pk, reason="Done at the meeting"):
        action.status = "complete"
        action.save()
    text = page_text(client.get(reverse("audit_log")))
    assert "Priya Shah" in text and "Done at the meeting" in text
    assert "Changed status: open → complete" in text.replace("\n", " ")


def test_filters_by_person_kind_and_date(client, lead, changes_by):
    mine, theirs = UserFactory(), UserFactory()
    added = changes_by(mine, 2)
    changes_by(theirs, 3)
    action_kind = Action.pgh_event_model._meta.label
    by_person, _ = audit_log.page(audit_log.Filters(person=mine.pk))
    assert [entry.record for entry in by_person] == [f"#{a.pk} Action {n}" for n, a in
                                                     reversed(list(enumerate(added)))]
    actions, _ = audit_log.page(audit_log.Filters(kind=action_kind))
    assert len(actions) == 1 + 2 + 3
    page = client.get(reverse("audit_log"), {"person": theirs.pk, "kind": action_kind})
    assert page.status_code == 200 and len(page.context["entries"]) == 3
    nothing = client.get(reverse("audit_log"), {"since": "1 January 2999"})
    assert "No changes match." in page_text(nothing)
    wrong = client.get(reverse("audit_log"), {"since": "2 May 2024", "until": "1 May 2024"})
    assert "The end date must be on or after the start date" in page_text(wrong)


def test_pages_follow_one_another_by_keyset_without_gaps_or_repeats(client, lead, changes_by):
    author = UserFactory()
    changes_by(author, audit_log.PAGE_SIZE * 2 + 5)
    seen, url, params = [], reverse("audit_log"), {"person": author.pk}
    while True:
        page = client.get(url, params)
        seen += [entry.slug for entry in page.context["entries"]]
        if not page.context["following"]:
            break
        params = {"person": author.pk, "before": page.context["following"]}
    assert len(seen) == len(set(seen)) == audit_log.PAGE_SIZE * 2 + 5


def test_a_page_costs_the_same_queries_whatever_the_log_holds(client, lead, changes_by,
                                                              django_assert_max_num_queries):
    author = UserFactory()
    changes_by(author, 10)
    with django_assert_max_num_queries(16) as few:
        client.get(reverse("audit_log"))
    changes_by(author, 200)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("audit_log"))


def test_the_csv_holds_the_filtered_changes_safe_for_spreadsheets(client, lead, changes_by):
    author, other = UserFactory(first_name="Priya", last_name="Shah"), UserFactory()
    changes_by(author, 3, reason="=HYPERLINK(\"http://x\")")
    changes_by(other, 2)
    response = client.get(reverse("audit_log_csv"), {"person": author.pk})
    assert response["Content-Disposition"].startswith("attachment")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == ["When", "Who", "From", "Kind of record", "Record", "Action",
                       "Changes", "Reason"]
    assert len(rows) == 4 and {row[1] for row in rows[1:]} == {"Priya Shah"}
    assert all(row[7] == "'=HYPERLINK(\"http://x\")" for row in rows[1:])


def test_one_records_history_is_the_log_of_its_changes(client, lead, changes_by):
    author = UserFactory()
    first, second = changes_by(author, 2)
    with pghistory.context(user=author.pk, reason="Closed"):
        first.status = "complete"
        first.save()
    log = page_text(client.get(reverse("audit_log")))
    assert f"History of Action #{first.pk}" in log  # each row links to its record's history
    kind = Action.pgh_event_model._meta.label
    page = client.get(reverse("audit_log"), {"kind": kind, "record": first.pk})
    assert [entry.action for entry in page.context["entries"]] == ["Changed", "Added"]
    assert {entry.obj_id for entry in page.context["entries"]} == {first.pk}
    assert f"History of Action #{first.pk}" in page_text(page)
    alone = client.get(reverse("audit_log"), {"record": second.pk})  # no kind: ignored
    assert len(alone.context["entries"]) > 2
