"""The OPCC delivery plan: grouped by objective with owners; progress updates
set an activity's status and need text."""

import datetime

from django.urls import reverse

from oversight.delivery.models import ActivityUpdate
from oversight.delivery.views import split_owners
from tests.factories import CoreActivityFactory
from tests.pages import page_text, queries_of


def test_owners_named_together_are_each_an_owner():
    assert split_owners("D/CEO, Head of CC&E, CFO") == ["D/CEO", " Head of CC&E", " CFO"]
    assert split_owners("D/CEO & CFO") == ["D/CEO", "CFO"]


def test_an_update_needs_text_and_sets_the_activity_status(staff_client, db):
    activity = CoreActivityFactory()
    url = reverse("delivery:activity_update", args=[activity.pk])
    data = {"date": "31 March 2021", "narrative": "", "status": "at_risk"}
    assert "Enter what progress has been made" in page_text(staff_client.post(url, data))
    assert not ActivityUpdate.objects.exists()
    assert staff_client.post(url, data | {"narrative": "Supplier late."}).status_code == 302
    activity.refresh_from_db()
    assert activity.status == "at_risk"
    assert activity.updates.get().date == datetime.date(2021, 3, 31)
    text = page_text(staff_client.get(activity.get_absolute_url()))
    assert "31 March 2021: At risk" in text and "Supplier late." in text


def test_the_plan_page_issues_the_same_queries_for_more_activities(staff_client, db):
    first = CoreActivityFactory()
    url = first.objective.plan.get_absolute_url()
    few = queries_of(staff_client, url)
    for _ in range(5):
        activity = CoreActivityFactory(objective__plan=first.objective.plan)
        activity.updates.create(date=datetime.date(2021, 1, 1), status="on_track", narrative="x")
    assert queries_of(staff_client, url) == few
    assert "Core activity" in page_text(staff_client.get(url))


def test_officers_read_the_plan_but_cannot_record_progress(officer_client, db):
    activity = CoreActivityFactory()
    assert officer_client.get(activity.objective.plan.get_absolute_url()).status_code == 200
    response = officer_client.post(reverse("delivery:activity_update", args=[activity.pk]),
                                   {"date": "1 April 2021", "narrative": "x", "status": "complete"})
    assert response.status_code == 403
