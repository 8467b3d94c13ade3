"""ELG pages: the schedule builder with seed 000's H2 2022 schedule, meetings,
briefings and their questions, outcomes, the actions log and the calendar."""

import datetime

import pytest
from django.urls import reverse

from elg.models import Action, Assurance, Briefing, BriefingQuestion, Meeting, Question
from tests.factories import (
    ActionFactory,
    BriefingFactory,
    DeliverableFactory,
    MeetingFactory,
    ObjectiveFactory,
    PlanFactory,
    RecommendationFactory,
    ThemeFactory,
)
from tests.pages import cells, queries_of

REVIEW = "PEEL Plan / Overall Performance dashboard review"
Q12 = "1.2 Quality of policing services provided to our communities"
Q13 = "1.3 Giving the Police the right tools for the job"
VIOLENCE = "2.1 Violence Reduction and Domestic Abuse / 2.2 VAWG"
# Seed 000, Appendix 2, as printed.
SEED_TABLE = [
    ["13 June", VIOLENCE],
    ["05 July", f"{Q13} - Performance Leadership"],
    ["19 July", f"{Q12} - Reporting and Response"],
    ["08 August", "1.1 Increasing Public Confidence, trust, and police engagement with our "
                  "communities"],
    ["05 September", f"{Q12} - Investigating Crime"],
    ["20 September", REVIEW],
    ["03 October", f"{Q13} - Resources, Workforce planning"],
    ["17 October", REVIEW],
    ["31 October", VIOLENCE],
    ["15 November", REVIEW],
    ["28 November", "3.2 Road Safety, 3.3 Rural and Heritage Crime"],
]
ROTATION = list(dict.fromkeys(topic for _, topic in SEED_TABLE if topic != REVIEW))
ROTATION.insert(6, VIOLENCE)  # the rotation comes round to violence again in October


@pytest.fixture
def plan(db):
    """A current plan with the objectives seed 000's schedule names."""
    current = PlanFactory(is_current=True)
    codes = ["1.1", "1.2", "1.3", "2.1", "2.2", "3.2", "3.3"]
    return {code: ObjectiveFactory(priority__plan=current,
                                   priority__number=int(code[0]) * 10 + int(code[2]),
                                   code=code) for code in codes}


def start_data(**changes):
    data = {"step": "propose", "start-year": "2022", "start-half": "2",
            "start-dates": "\n".join(day for day, _ in SEED_TABLE), "start-starts_at": "10:00",
            "start-place": "Police HQ", "start-rotation": "\n".join(ROTATION)}
    return data | {f"start-{key}": value for key, value in changes.items()}


def proposal_data(response, step, kinds=None, **changes):
    """The proposal the page shows, posted back with some kinds changed (by date)."""
    data = {key: value for key, value in response.context["start"].data.items()}
    forms = response.context["proposal"].forms
    data |= {"step": step, "meeting-TOTAL_FORMS": str(len(forms)),
             "meeting-INITIAL_FORMS": str(len(forms))}
    for i, form in enumerate(forms):
        day = form.initial["date"]
        data[f"meeting-{i}-date"] = f"{day:%d %B %Y}"
        data[f"meeting-{i}-kind"] = (kinds or {}).get(f"{day:%d %B}", form.initial["kind"])
        data[f"meeting-{i}-topic"] = form.initial["topic"]
    return data | changes


def proposed(response):
    return [(f"{f.initial['date']:%d %B}", f.initial["kind"], f.initial["topic"])
            for f in response.context["proposal"].forms]


def test_seed_schedule_is_built_with_the_builder_and_shows_appendix_2(staff_client, plan):
    url = reverse("elg:build")
    first = staff_client.post(url, start_data())
    kinds = [kind for _, kind, _ in proposed(first)]
    # Two a month: 19 July and 28 November are proposed as reviews at first.
    assert kinds[2] == "review" and kinds[9:] == ["scrutiny", "review"]
    # June to August had scrutiny meetings only, and November's came second.
    adjusted = {"19 July": "scrutiny", "15 November": "review", "28 November": "scrutiny"}
    second = staff_client.post(url, proposal_data(first, "redeal", adjusted))
    assert [[day, topic] for day, _, topic in proposed(second)] == SEED_TABLE
    saved = staff_client.post(url, proposal_data(second, "save"))
    assert saved.status_code == 302
    page = staff_client.get(saved.url)
    assert cells(page) == [["ELG meeting", "Topic"], *SEED_TABLE]
    meeting = Meeting.objects.get(date=datetime.date(2022, 6, 13))
    assert sorted(o.code for o in meeting.objectives.all()) == ["2.1", "2.2"]
    assert meeting.half_year == "2022-H2" and meeting.place == "Police HQ"
    assert Meeting.objects.get(date=datetime.date(2022, 9, 20)).kind == "review"


def test_builder_proposes_from_a_weekly_pattern(staff_client, plan):
    response = staff_client.post(reverse("elg:build"), start_data(
        year="2023", half="1", dates="", weekday="1", weeks=["1", "3"]))
    rows = proposed(response)
    assert len(rows) == 12
    assert rows[:3] == [("03 January", "scrutiny", ROTATION[0]),
                        ("17 January", "review", REVIEW),
                        ("07 February", "scrutiny", ROTATION[1])]


@pytest.mark.parametrize(("changes", "message"), [
    ({"dates": "13 June\n31 June"}, "Date 2 (“31 June”) is not a date"),
    ({"dates": ""}, "Give the meeting days of each month, or list the dates."),
    ({"weekday": "1"}, "not both"),
    ({"rotation": "Road safety"}, "Topic 1 (“Road safety”): Name the objective"),
    ({"rotation": "9.9 Nothing"}, "The current plan has no objective 9.9"),
    ({"year": ""}, "Enter the year"),
])
def test_builder_explains_bad_settings(staff_client, plan, changes, message):
    response = staff_client.post(reverse("elg:build"), start_data(**changes))
    assert response.context["proposal"] is None
    assert message in response.content.decode()


def test_builder_will_not_save_on_a_date_another_meeting_has(staff_client, plan):
    MeetingFactory(date=datetime.date(2022, 7, 19), topic="1.2 Existing meeting")
    url = reverse("elg:build")
    first = staff_client.post(url, start_data())
    response = staff_client.post(url, proposal_data(first, "save"))
    assert response.status_code == 200
    assert ("Another ELG meeting is already on 19 July 2022: “1.2 Existing meeting”"
            in response.content.decode())
    assert Meeting.objects.count() == 1


def test_builder_will_not_save_two_meetings_on_one_day(staff_client, plan):
    first = staff_client.post(reverse("elg:build"), start_data())
    data = proposal_data(first, "save", **{"meeting-1-date": "13 June 2022"})
    response = staff_client.post(reverse("elg:build"), data)
    assert "Two meetings are proposed on 13 June 2022" in response.content.decode()
    assert not Meeting.objects.exists()


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


@pytest.fixture
def briefing(plan):
    themes = [ThemeFactory(name="Performance Leadership", order=1),
              ThemeFactory(name="Victims and Offenders", order=2)]
    meeting = MeetingFactory(date=datetime.date(2022, 7, 19), objectives=[plan["1.2"]])
    briefing = BriefingFactory(meeting=meeting, status="draft")
    for n, (theme, text) in enumerate([(themes[1], "Is VCOP compliance achieved?"),
                                       (themes[0], "How is performance overseen?")]):
        BriefingQuestion.objects.create(briefing=briefing, theme=theme, text=text, order=n)
    return briefing


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


def outcome_data(meeting, rating="partly", actions=()):
    data = {"status": "held", "notes": "Good discussion.",
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
    assert (meeting.status, meeting.notes) == ("held", "Good discussion.")
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
    meeting.refresh_from_db()
    assert meeting.notes == ""  # nothing half-saved


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
