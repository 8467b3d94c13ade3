"""KLOE briefings (elg/briefing_views.py): questions under themes, the question
bank, evidence as of the meeting, and who may read a draft."""

import datetime

import pghistory
from django.urls import reverse
from django.utils import timezone

from elg.models import Briefing, BriefingQuestion, Question
from scorecard.models import MonthlyValue
from tests.factories import (
    ActionFactory,
    DeliverableFactory,
    MeetingFactory,
    RecommendationFactory,
    ThemeFactory,
)
from tests.history_time import made_by
from tests.pages import cells, page_text, queries_of


def briefing_url(briefing, name="elg:briefing"):
    return reverse(name, args=[briefing.meeting_id])


def test_briefing_groups_numbered_questions_under_themes_in_theme_order(staff_client, briefing):
    page = staff_client.get(briefing_url(briefing)).content.decode()
    leadership, victims = page.index("Performance Leadership"), page.index("Victims and Offenders")
    assert leadership < page.index("How is performance overseen?") < victims
    assert victims < page.index("Is VCOP compliance achieved?")
    assert '<li value="2">Is VCOP' in page
    assert "Quality is improving." in page and "Accountability is clear." in page


def test_a_draft_briefing_is_not_found_for_force_officers(officer_client, briefing):
    assert officer_client.get(briefing_url(briefing)).status_code == 404
    assert officer_client.get(briefing_url(briefing, "elg:briefing_pdf")).status_code == 404
    briefing.status = "issued"
    briefing.save()
    assert officer_client.get(briefing_url(briefing)).status_code == 200


def test_an_empty_question_is_rejected(staff_client, briefing):
    url = briefing_url(briefing, "elg:briefing_questions")
    theme = briefing.questions.first().theme
    response = staff_client.post(url, {"action": "new", "new-theme": theme.pk,
                                       "new-text": "   "})
    assert "Enter the question" in response.content.decode()
    assert briefing.questions.count() == 2 and not Question.objects.exists()


def test_a_new_question_joins_the_briefing_and_the_bank(staff_client, briefing, plan):
    url = briefing_url(briefing, "elg:briefing_questions")
    theme = briefing.questions.first().theme
    staff_client.post(url, {"action": "new", "new-theme": theme.pk,
                            "new-text": "Are calls  attended on time?"})
    question = Question.objects.get()
    assert question.text == "Are calls attended on time?"
    assert list(question.objectives.all()) == [plan["1.2"]]
    assert briefing.questions.filter(source=question).exists()


def test_questions_come_from_the_bank_for_the_meetings_objectives(staff_client, briefing, plan):
    theme = briefing.questions.first().theme
    ours = Question.objects.create(theme=theme, text="Ours")
    ours.objectives.set([plan["1.2"]])
    other = Question.objects.create(theme=theme, text="Another objective's")
    other.objectives.set([plan["3.2"]])
    url = briefing_url(briefing, "elg:briefing_questions")
    page = staff_client.get(url)
    assert list(page.context["bank"].fields["questions"].queryset) == [ours]
    staff_client.post(url, {"action": "bank", "questions": [ours.pk]})
    assert briefing.questions.filter(text="Ours", source=ours).count() == 1
    response = staff_client.post(url, {"action": "bank"})
    assert "Choose at least one question to add" in response.content.decode()


def test_a_new_briefing_can_start_from_an_earlier_one_on_the_same_objective(
        staff_client, briefing, plan):
    later = MeetingFactory(date=datetime.date(2022, 9, 5), objectives=[plan["1.2"]])
    url = reverse("elg:briefing_edit", args=[later.pk])
    page = staff_client.get(url, {"previous": briefing.pk})
    assert page.context["form"].initial["purpose"] == briefing.purpose
    fields = {name: getattr(briefing, name) for name in
              ["topic", "purpose", "force_asked", "executive_summary", "expectations", "focus"]}
    staff_client.post(url, fields | {"status": "draft", "previous": briefing.pk})
    copy = Briefing.objects.get(meeting=later)
    assert [q.text for q in copy.questions.all()] == [q.text for q in briefing.questions.all()]


def test_briefing_assembles_evidence_as_of_the_meeting(staff_client, briefing, plan):
    objective = plan["1.2"]
    DeliverableFactory(objective=objective, action="Overdue at the meeting",
                       start_date=datetime.date(2022, 1, 1), due_date=datetime.date(2022, 6, 30),
                       progress=40)
    DeliverableFactory(objective=objective, action="On track at the meeting",
                       start_date=datetime.date(2022, 1, 1), due_date=datetime.date(2022, 12, 31),
                       progress=60)
    earlier = MeetingFactory(date=datetime.date(2022, 6, 1), objectives=[objective])
    ActionFactory(meeting=earlier, description="Still open from June")
    ActionFactory(meeting=earlier, description="Done in June", status="complete")
    later = MeetingFactory(date=datetime.date(2022, 8, 1), objectives=[objective])
    ActionFactory(meeting=later, description="From a later meeting")
    RecommendationFactory(reference="R 1.1", text="Answer 999 calls promptly.",
                          objectives=[objective])
    RecommendationFactory(reference="R 1.3", text="Closed already.", status="closed",
                          objectives=[objective])
    RecommendationFactory(reference="R 3.1", text="Another objective's.",
                          objectives=[plan["3.2"]])
    made_by(datetime.date(2022, 6, 1))  # all of it known on the meeting day
    page = staff_client.get(briefing_url(briefing)).content.decode()
    assert "Answer 999 calls promptly." in page
    assert "Closed already." not in page and "Another objective's." not in page
    assert "Overdue at the meeting" in page and "On track at the meeting" not in page
    assert "Still open from June" in page
    assert "Done in June" not in page and "From a later meeting" not in page


def test_briefing_shows_kpi_tables_for_the_month_before_the_meeting(
        staff_client, briefing, plan, kpi_data):
    kpi_data["topic"].objective = plan["1.2"]
    kpi_data["topic"].save()
    briefing.meeting.date = datetime.date(2023, 10, 5)  # October's data are not in yet
    briefing.meeting.save()
    made_by(datetime.date(2023, 10, 1))
    rows = cells(staff_client.get(briefing_url(briefing)))
    header = next(row for row in rows if row and row[0] == "Measure")
    assert header[2] == "Sep-2023"
    calls = next(row for row in rows if row and row[0] == "Call Answered Volume: 999")
    assert calls[:3] == ["Call Answered Volume: 999", "", "1,100"]


def test_briefing_page_queries_do_not_grow_with_questions_and_topics(
        staff_client, briefing, plan, kpi_data):
    kpi_data["topic"].objective = plan["1.2"]
    kpi_data["topic"].save()
    url = briefing_url(briefing)
    earlier = MeetingFactory(date=datetime.date(2022, 6, 1), objectives=[plan["1.2"]])
    ActionFactory(meeting=earlier)
    before = queries_of(staff_client, url)
    theme = briefing.questions.first().theme
    for n in range(10):
        BriefingQuestion.objects.create(briefing=briefing, theme=ThemeFactory(), text=f"Q{n}")
        BriefingQuestion.objects.create(briefing=briefing, theme=theme, text=f"More {n}")
    second = kpi_data["topic"].__class__.objects.create(name="Another topic",
                                                        objective=plan["1.2"])
    kpi_data["count"].__class__.objects.filter(pk=kpi_data["ratio"].pk).update(topic=second)
    briefing.meeting.objectives.add(plan["1.1"], plan["3.2"])
    ActionFactory.create_batch(5, meeting=earlier)
    ActionFactory.create_batch(5, meeting=MeetingFactory(
        date=datetime.date(2022, 6, 2), objectives=[plan["1.2"]]))
    assert queries_of(staff_client, url) == before


def test_briefing_shows_what_the_meeting_knew_and_what_was_revised_since(
        staff_client, briefing, plan, kpi_data):
    kpi_data["topic"].objective = plan["1.2"]
    kpi_data["topic"].save()
    briefing.meeting.date = datetime.date(2023, 10, 5)
    briefing.meeting.save()
    made_by(datetime.date(2023, 10, 1))  # September's figures in before the meeting
    with pghistory.context(reason="Late crimes added"):
        MonthlyValue.objects.filter(measure=kpi_data["count"], month="2023-09-01").update(
            value=1300)
    page = staff_client.get(briefing_url(briefing))
    calls = next(row for row in cells(page) if row and row[0] == "Call Answered Volume: 999")
    assert calls[2] == "1,100"  # as the meeting saw it
    revised = next(row for row in cells(page) if row and row[0].startswith(
        "Call Answered Volume: 999 – "))
    assert revised[1:3] == ["Sep-2023", "value: 1,100 → 1,300"]
    assert revised[-1] == "Late crimes added"
    now = staff_client.get(briefing_url(briefing), {"figures": "now"})
    calls = next(row for row in cells(now) if row and row[0] == "Call Answered Volume: 999")
    assert calls[2] == "1,300"
    assert "See them as known on the meeting day" in now.content.decode()
    # As known on another past day (yesterday: the revision was made today).
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    then = staff_client.get(briefing_url(briefing), {"known": yesterday.isoformat()})
    calls = next(row for row in cells(then) if row and row[0] == "Call Answered Volume: 999")
    assert calls[2] == "1,100" and f"As known on {yesterday:%-d %B %Y}" in page_text(then)
