"""The schedule builder (elg/builder_views.py): seed 000's H2 2022 schedule, built
from a weekly pattern, and the settings and dates it refuses."""

import datetime

import pytest
from django.urls import reverse

from elg.models import Meeting
from tests.elg.seed import REVIEW, ROTATION, SEED_TABLE
from tests.factories import (
    MeetingFactory,
)
from tests.pages import cells


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
