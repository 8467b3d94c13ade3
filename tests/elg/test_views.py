"""ELG pages: the schedule builder with seed 000's H2 2022 schedule, meetings,
briefings and their questions, outcomes, the actions log and the calendar."""

import datetime

from django.urls import reverse

from elg.models import Action, Assurance, Meeting, OutcomeNote
from tests.elg.seed import REVIEW
from tests.factories import (
    ActionFactory,
    MeetingFactory,
)
from tests.oversight.core.test_audit_trail import recorded_long_ago, refused
from tests.pages import cells, page_text, queries_of


def test_a_meeting_on_a_taken_date_is_rejected(staff_client, plan):
    MeetingFactory(date=datetime.date(2022, 7, 19), topic="1.2 Existing")
    response = staff_client.post(reverse("elg:meeting_add"), {
        "date": "19 July 2022", "starts_at": "10:00", "kind": "scrutiny",
        "half_year": "2022-H2", "topic": "1.1 Confidence", "status": "scheduled"})
    assert "Another ELG meeting is already on 19 July 2022" in response.content.decode()
    assert Meeting.objects.count() == 1


def test_a_meeting_is_added_with_its_objectives_from_the_topic(staff_client, plan):
    response = staff_client.post(reverse("elg:meeting_add"), {
        "date": "2 August 2022", "starts_at": "09:30", "kind": "scrutiny",
        "half_year": "2022-H2", "topic": "3.2 Road Safety, 3.3 Rural crime",
        "status": "scheduled"})
    meeting = Meeting.objects.get()
    assert response.url == meeting.get_absolute_url()
    assert [o.code for o in meeting.objectives.order_by("code")] == ["3.2", "3.3"]


def test_a_review_meeting_takes_the_review_topic_and_no_objectives(staff_client, plan):
    staff_client.post(reverse("elg:meeting_add"), {
        "date": "2 August 2022", "starts_at": "09:30", "kind": "review",
        "half_year": "", "topic": "", "status": "scheduled"})
    meeting = Meeting.objects.get()
    assert meeting.topic == REVIEW and not meeting.objectives.exists()
    assert meeting.half_year == "2022-H2"  # from the date, when left blank


def outcome_data(meeting, rating="partly", actions=()):
    data = {"status": "held", "note": "Good discussion.",
            f"rating_{meeting.objectives.get().pk}": rating,
            "actions-TOTAL_FORMS": str(max(len(actions), 2)), "actions-INITIAL_FORMS": "0"}
    for i, (description, due) in enumerate(actions):
        data |= {f"actions-{i}-description": description, f"actions-{i}-owner": "ACC",
                 f"actions-{i}-organisation": "force", f"actions-{i}-due_date": due,
                 f"actions-{i}-status": "open"}
    return data


def test_outcome_records_notes_rating_and_actions(staff_client, briefing):
    meeting = briefing.meeting
    response = staff_client.post(reverse("elg:outcome", args=[meeting.pk]), outcome_data(
        meeting, actions=[("Audit THRIVE", "31 August 2022"), ("Report", "2022-09-30")]))
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == "held"
    [note] = meeting.outcome_notes.all()
    assert (note.text, note.author.username) == ("Good discussion.", response.wsgi_request.user
                                                 .username)
    assert Assurance.objects.get(meeting=meeting).get_rating_display() == "Partly assured"
    assert sorted(a.description for a in meeting.actions.all()) == ["Audit THRIVE", "Report"]


def test_an_action_due_before_its_meeting_is_rejected(staff_client, briefing):
    meeting = briefing.meeting
    response = staff_client.post(reverse("elg:outcome", args=[meeting.pk]), outcome_data(
        meeting, actions=[("Too early", "18 July 2022")]))
    assert response.status_code == 200
    assert ("The date due must be on or after the meeting (19 July 2022)."
            in response.content.decode())
    assert not Action.objects.exists()
    assert not meeting.outcome_notes.exists()  # nothing half-saved


def test_actions_log_flags_overdue_actions_and_filters(staff_client, plan):
    meeting = MeetingFactory(date=datetime.date(2022, 7, 19))
    ActionFactory(meeting=meeting, description="Late one", due_date=datetime.date(2022, 8, 1))
    ActionFactory(meeting=meeting, description="Done one", status="complete")
    ActionFactory(meeting=meeting, description="Future one",
                  due_date=datetime.date(2099, 1, 1))
    url = reverse("elg:actions")
    rows = cells(staff_client.get(url))
    assert [row[1] for row in rows[1:]] == ["Late one", "Future one"]
    assert rows[1][-1] == "Open Overdue" and rows[2][-1] == "Open"
    overdue = cells(staff_client.get(url, {"show": "overdue"}))
    assert [row[1] for row in overdue[1:]] == ["Late one"]
    assert len(cells(staff_client.get(url, {"show": "all"}))) == 4


def test_next_meeting_on_the_objective_opens_with_its_actions_arising(staff_client, plan):
    first = MeetingFactory(date=datetime.date(2022, 7, 19), objectives=[plan["1.2"]])
    ActionFactory(meeting=first, description="Bring the trajectory")
    following = MeetingFactory(date=datetime.date(2022, 9, 5), objectives=[plan["1.2"]])
    unrelated = MeetingFactory(date=datetime.date(2022, 9, 6), objectives=[plan["3.2"]])
    assert "Bring the trajectory" in staff_client.get(following.get_absolute_url()).content.decode()
    assert "Bring the trajectory" not in staff_client.get(
        unrelated.get_absolute_url()).content.decode()


def test_calendar_feed_lists_every_meeting(staff_client, plan):
    MeetingFactory(date=datetime.date(2022, 7, 19), topic="1.2 Reporting, and Response")
    MeetingFactory(date=datetime.date(2022, 7, 20), status="cancelled")
    response = staff_client.get(reverse("elg:calendar"))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    text = response.content.decode()
    assert text.count("BEGIN:VEVENT") == 2 and "STATUS:CANCELLED" in text
    assert "SUMMARY:ELG: 1.2 Reporting\\, and Response" in text


def test_schedule_pages_queries_do_not_grow(staff_client, plan):
    url = f"{reverse('elg:schedule')}?half=2022-H2"
    ActionFactory(meeting=MeetingFactory(date=datetime.date(2022, 7, 19)))
    actions_before = queries_of(staff_client, reverse("elg:actions"))
    before = queries_of(staff_client, url)
    for n in range(10):
        meeting = MeetingFactory(date=datetime.date(2022, 8, 1) + datetime.timedelta(days=n))
        ActionFactory(meeting=meeting)
    assert queries_of(staff_client, url) == before
    assert queries_of(staff_client, reverse("elg:actions")) == actions_before


def test_unknown_half_year_is_not_found(staff_client, plan):
    assert staff_client.get(reverse("elg:schedule"), {"half": "2022-H9"}).status_code == 404


def test_a_later_note_corrects_an_earlier_one_and_both_stand(staff_client, briefing):
    meeting = briefing.meeting
    url = reverse("elg:outcome", args=[meeting.pk])
    no_actions = {"actions-TOTAL_FORMS": "0"}
    response = staff_client.post(url, outcome_data(meeting) | no_actions)
    assert response.status_code == 302, page_text(response)[:3000]
    first = meeting.outcome_notes.get()
    data = outcome_data(meeting) | no_actions | {"note": "The force disputed the rating.",
                                                 "corrects": str(first.pk)}
    assert staff_client.post(url, data).status_code == 302
    later = meeting.outcome_notes.get(corrects=first)
    page = page_text(staff_client.get(meeting.get_absolute_url()))
    assert "Good discussion." in page and "The force disputed the rating." in page
    assert "Corrected by the note of" in page and "It corrects the note of" in page
    missing = staff_client.post(url, outcome_data(meeting) | no_actions | {
        "note": "", "corrects": later.pk})
    assert "Enter the note that corrects the earlier one" in page_text(missing)


def test_a_note_stands_after_the_grace_period(briefing):
    note = OutcomeNote.objects.create(meeting=briefing.meeting, text="Good discussion")
    note.text = "Good discussion."
    note.save()  # within the grace period: still the author's to mend
    recorded_long_ago(note)
    table = OutcomeNote._meta.db_table
    assert refused(f'UPDATE "{table}" SET text = %s WHERE id = %s',  # noqa: S608
                   "Rewritten", note.pk)
    assert refused(f'DELETE FROM "{table}" WHERE id = %s', note.pk)  # noqa: S608
    note.refresh_from_db()
    assert note.text == "Good discussion."
