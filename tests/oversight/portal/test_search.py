"""Search: one word found in every kind of thing; each role gets only what it
may open (every result's address opens for it), grouped by kind."""

import datetime
import re

import pytest
from django.urls import reverse

from elg.models import Question
from oversight.core.roles import Role
from oversight.portal import search
from panel_reports import workflow
from panel_reports.models import PanelMeeting, Report
from tests import access
from tests.factories import (
    BriefingFactory,
    DeliverableFactory,
    FindingFactory,
    MeasureFactory,
    MeetingFactory,
    ObjectiveFactory,
    ThemeFactory,
    UserFactory,
)
from tests.pages import page_text

WORD = "zebra"
EVERY_KIND = ["Measures", "Objectives", "Deliverables", "PEEL findings", "ELG meetings",
              "Panel meetings", "KLOE questions in briefings", "KLOE question bank",
              "Published reports"]
# The kinds each role finds; the draft report and the draft briefing's question never
# show to anyone who may not open them.
FOUND = {
    access.STAFF: EVERY_KIND,
    access.LEAD: EVERY_KIND,
    access.PANEL: ["Panel meetings", "Published reports"],
    access.OFFICER: ["Measures", "Objectives", "Deliverables", "PEEL findings",
                     "ELG meetings", "KLOE questions in briefings"],
    access.ADMIN: ["Objectives", "Deliverables"],
}


def report(assessment, month, publish):
    staff, lead = UserFactory(role=Role.OPCC_STAFF), UserFactory(role=Role.OPCC_LEAD)
    made = workflow.create_draft(Report(
        period_start=month, period_end=month, reference_month=month,
        assessment=assessment), staff)
    if publish:
        workflow.submit(made, staff)
        made = workflow.publish(made, lead)
    return made


@pytest.fixture
def everything(current_plan):
    objective = ObjectiveFactory(priority__plan=current_plan, title="Zebra crossings safer")
    MeasureFactory(name="Zebra crossing collisions")
    DeliverableFactory(objective=objective, action="Paint every zebra crossing")
    FindingFactory(text="The force should review zebra crossing patrols.")
    MeetingFactory(topic="Road safety: zebra crossings", date=datetime.date(2023, 5, 2))
    theme = ThemeFactory()
    issued = BriefingFactory(meeting__date=datetime.date(2023, 6, 6))
    issued.questions.create(theme=theme, text="How safe are zebra crossings?")
    draft = BriefingFactory(meeting__date=datetime.date(2023, 7, 4), status="draft")
    draft.questions.create(theme=theme, text="Is the zebra plan funded?")
    Question.objects.create(theme=theme, text="Which zebra crossings need lights?")
    PanelMeeting.objects.create(date=datetime.date(2024, 1, 18), place="Kennet Room").items.create(
        title="Zebra crossing review")
    published = report("Zebra crossings are safer.", datetime.date(2023, 9, 1), publish=True)
    unpublished = report("Zebra crossings draft.", datetime.date(2023, 12, 1), publish=False)
    return {"published": published, "draft": unpublished, "draft_briefing": draft}


def results(response):
    """{kind: [result addresses]} from the search page."""
    html = response.content.decode()
    found = {}
    for section in re.findall(r'<section aria-labelledby="group-\d+">(.*?)</section>', html,
                              re.S):
        kind = re.search(r'<h2[^>]*>([^<(]+) \(', section)[1].strip()
        found[kind] = re.findall(r'<a class="govuk-link govuk-!-font-weight-bold" href="([^"]+)"',
                                 section)
    return found


@pytest.mark.parametrize("role", list(FOUND), ids=str)
def test_search_finds_only_what_the_role_may_open(role, everything, client_for):
    client = client_for(role)
    found = results(client.get(reverse("search"), {"q": WORD}))
    assert sorted(found) == sorted(FOUND[role])
    addresses = [url for urls in found.values() for url in urls]
    assert everything["draft"].get_absolute_url() not in addresses
    for url in addresses:
        assert client.get(url).status_code == 200, url
    text = page_text(client.get(reverse("search"), {"q": WORD}))
    assert ("Is the zebra plan funded?" in text) == (role in (access.STAFF, access.LEAD))


def test_anonymous_users_are_sent_to_sign_in(everything, client):
    response = client.get(reverse("search"), {"q": WORD})
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_words_are_matched_in_english_and_marked(everything, staff_client):
    response = staff_client.get(reverse("search"), {"q": "crossing"})
    html = response.content.decode()
    assert "<mark>zebra</mark>" not in html and "<mark>crossing</mark>" in html
    assert "<mark>crossings</mark>" in html  # English stemming: crossing finds crossings


def test_text_is_escaped_in_snippets(current_plan, staff_client):
    MeasureFactory(name="Signs", definition="Fish & zebra <b>signs</b>")
    html = staff_client.get(reverse("search"), {"q": WORD}).content.decode()
    assert "<b>" not in html and "Fish &amp; <mark>zebra</mark>" in html


def test_an_empty_search_is_refused_plainly(staff_client):
    response = staff_client.get(reverse("search"), {"q": "   "})
    assert "Enter the words to search for" in page_text(response)
    assert response.content.decode().count('href="#search-page-q"') == 1


def test_nothing_found_says_so(everything, staff_client):
    text = page_text(staff_client.get(reverse("search"), {"q": "giraffe"}))
    assert "Nothing matches “giraffe”" in text


def test_search_issues_one_query_a_kind(everything, django_assert_max_num_queries):
    staff = UserFactory(role=Role.OPCC_STAFF)
    staff = type(staff).objects.get(pk=staff.pk)
    staff.has_perm("oversight.read_plan")  # permissions cached, as in a request
    with django_assert_max_num_queries(len(search.KINDS)):
        search.search(staff, WORD)
