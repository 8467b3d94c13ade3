"""The s.55 response (oversight/peel/responses.py): started from the
recommendations' progress, checked for what the law asks, published through
approval (which stops the inspection's clock), shown on the public site, and
copied to HMICFRS and the Home Secretary without becoming a draft again."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from oversight.core import publishing
from oversight.core.publications import Publication, Publishing
from oversight.peel.response_service import start_response
from oversight.peel.responses import RecommendationExplanation
from tests.factories import InspectionFactory, RecommendationFactory
from tests.forms import form_data, post_form
from tests.pages import page_text

Action = RecommendationExplanation.Action


@pytest.fixture
def inspection(db):
    found = InspectionFactory(title="PEEL 2021/22", published_on=datetime.date(2022, 4, 28))
    closed = RecommendationFactory(inspection=found, reference="R 1.1", status="closed")
    closed.updates.create(date=datetime.date(2022, 5, 1), rag="green", narrative="Done early.")
    RecommendationFactory(inspection=found, reference="R 1.2")
    return found


def written(inspection):
    response = start_response(inspection)
    response.chief_officer_invited_on = datetime.date(2022, 4, 29)
    response.chief_officer_received_on = datetime.date(2022, 5, 20)
    response.chief_officer_comments = "The force accepts every recommendation."
    response.response_to_chief_officer = "We welcome the chief constable's plan."
    response.save()
    response.explanations.filter(explanation="").update(explanation="A new call centre.")
    return response


def test_each_recommendation_starts_from_its_progress(inspection):
    response = start_response(inspection)
    assert [(e.finding.reference, e.action, e.explanation)
            for e in response.explanations.order_by("finding__reference")] == [
        ("R 1.1", Action.TAKEN, "Done early."), ("R 1.2", Action.WILL_BE_TAKEN, "")]
    assert start_response(inspection) == response  # started once


def test_what_the_law_asks_for_is_checked(inspection):
    response = start_response(inspection)
    problems = response.problems()
    assert len(problems) == 3 and "R 1.2" in problems[2] and "R 1.1" not in problems[2]
    assert written(inspection).problems() == []


def test_publishing_stops_the_clock_and_reaches_the_public_site(inspection, staff, lead):
    response = written(inspection)
    publishing.submit(response, staff)
    publishing.publish(response, lead)
    inspection.refresh_from_db()
    assert inspection.response_published_on is not None
    page = Client().get(reverse("public:inspection", args=[response.public_key()]))
    text = page_text(page)
    for words in ["The force accepts every recommendation.", "Invited 29 April 2022",
                  "Received 20 May 2022", "We welcome the chief constable's plan.",
                  "R 1.2", "A new call centre.", "Action has been taken"]:
        assert words in text
    assert "PEEL 2021/22" in page_text(Client().get(reverse("public:inspections")))


def test_copies_sent_are_recorded_and_the_response_stays_published(inspection, staff, lead,
                                                                    staff_client):
    response = written(inspection)
    publishing.submit(response, staff)
    publishing.publish(response, lead)
    url = reverse("peel:response_copies", args=[inspection.pk])
    staff_client.post(url, {"sent_to_hmicfrs_on": "1 June 2022",
                            "sent_to_home_secretary_on": "2 June 2022"})
    response.refresh_from_db()
    assert response.sent_to_hmicfrs_on == datetime.date(2022, 6, 1)
    assert response.publishing == Publishing.PUBLISHED


def test_an_edit_after_publication_waits_for_approval(inspection, staff, lead, staff_client):
    response = written(inspection)
    publishing.submit(response, staff)
    publishing.publish(response, lead)
    url = reverse("peel:response_edit", args=[inspection.pk])
    form = form_data(staff_client.get(url))
    form["response_to_chief_officer"] = "Changed after publishing."
    assert post_form(staff_client, url, form).status_code == 302
    response.refresh_from_db()
    assert response.publishing == Publishing.DRAFT
    public = Publication.objects.current().get(kind=response.public_kind)
    assert public.document["response_to_chief_officer"] == "We welcome the chief constable's plan."
