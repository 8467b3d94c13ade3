"""The Plan's pages: what they show, their filters, and their query counts."""

from datetime import date

import pghistory
import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from oversight.plan.models import Deliverable, Plan
from tests.factories import DeliverableFactory, ObjectiveFactory, PlanFactory, PriorityFactory
from tests.history_time import backdate
from tests.pages import page_text, table_rows

pytestmark = pytest.mark.django_db


def build_plan(priorities=2, objectives=2, deliverables=2):
    plan = PlanFactory(is_current=True)
    for p in range(1, priorities + 1):
        priority = PriorityFactory(plan=plan, number=p)
        for o in range(1, objectives + 1):
            objective = ObjectiveFactory(priority=priority, code=f"{p}.{o}")
            DeliverableFactory.create_batch(deliverables, objective=objective)
    return plan


def test_plan_overview_lists_priorities_and_objectives(staff_client, current_plan):
    objective = current_plan.priorities.get().objectives.get()
    page = staff_client.get(reverse("plan:current")).content.decode()
    assert current_plan.title in page
    assert f'href="{objective.get_absolute_url()}"' in page
    assert "Priority 1:" in page


@pytest.mark.parametrize("size", [1, 4])
def test_plan_pages_issue_the_same_number_of_queries_whatever_their_size(
    size, staff_client, django_assert_max_num_queries
):
    plan = build_plan(priorities=size, objectives=size, deliverables=size)
    objective = plan.priorities.first().objectives.first()
    # 7 for every signed-in page (session, user, permissions, role, and the
    # session save that makes the idle timeout work), the rest the page's own.
    for url in [
        reverse("plan:current"),
        reverse("plan:deliverables"),
        objective.get_absolute_url(),
    ]:
        with django_assert_max_num_queries(13):
            assert staff_client.get(url).status_code == 200


def test_deliverables_show_computed_status_in_words(staff_client, current_plan):
    DeliverableFactory(
        objective=current_plan.priorities.get().objectives.get(),
        action="Training ASB specialists",
        start_date=date(2022, 10, 1),
        due_date=date(2023, 3, 31),
        progress=95,
    )
    page = staff_client.get(reverse("plan:deliverables"), {"as_of": "2023-12-14"})
    row = next(r for r in page.context["table"].rows if "Training ASB" in r.record.action)
    assert row.get_cell("current_status").strip().endswith("Overdue</strong>")


def test_deliverables_filter_by_status(staff_client, current_plan):
    objective = current_plan.priorities.get().objectives.get()
    DeliverableFactory(objective=objective, action="Finished", progress=100)
    DeliverableFactory(objective=objective, action="Late", progress=10, due_date=date(2023, 1, 31))
    response = staff_client.get(
        reverse("plan:deliverables"), {"status": "complete", "as_of": "2023-12-14"}
    )
    actions = [row.record.action for row in response.context["table"].rows]
    assert actions == ["Finished"]
    assert response.context["counts"]["overdue"] == 1  # counts ignore the filter


def test_a_bad_date_is_explained_and_the_list_still_shows(staff_client, current_plan):
    response = staff_client.get(reverse("plan:deliverables"), {"as_of": "14/13/2023"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert 'href="#id_as_of">Enter a real date</a>' in page
    assert 'aria-describedby="id_as_of-hint id_as_of-error"' in page
    assert 'id="id_as_of-error"' in page and 'id="id_as_of-hint"' in page
    assert len(response.context["table"].rows) == 1


def test_unknown_objective_gives_not_found_inside_the_layout(staff_client, current_plan):
    response = staff_client.get(reverse("plan:objective", args=[999999]))
    assert response.status_code == 404
    page = response.content.decode()
    assert "Page not found" in page
    assert 'id="main-content"' in page and "PCC Oversight" in page


def test_a_previous_plan_has_its_own_page(staff_client, current_plan):
    old = PlanFactory(title="Police and Crime Plan 2017-21", period="2017-21",
                      start_date=date(2017, 4, 1), end_date=date(2021, 3, 31))
    overview = staff_client.get(reverse("plan:current")).content.decode()
    assert f'href="{old.get_absolute_url()}"' in overview
    assert "(previous)" in staff_client.get(old.get_absolute_url()).content.decode()


def test_only_one_plan_can_be_current(current_plan):
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanFactory(is_current=True)
    assert Plan.objects.filter(is_current=True).count() == 1


def test_deliverables_as_known_on_a_past_day_show_the_progress_then_and_the_changes(
        staff_client, current_plan):
    objective = current_plan.priorities.get().objectives.get()
    slow = DeliverableFactory(objective=objective, action="Recruit 40 officers", progress=40)
    day = backdate(10)
    with pghistory.context(reason="Recruits started in March"):
        Deliverable.objects.filter(pk=slow.pk).update(progress=90)
    DeliverableFactory(objective=objective, action="Added later")
    url = reverse("plan:deliverables")
    then = staff_client.get(url, {"known": day.isoformat()})
    listed = table_rows(then, leaving_out="pcc-revised-since")[-1]
    shown = [row[1:5:3] for row in listed]
    assert ["Recruit 40 officers", "40%"] in shown and "Added later" not in str(shown)
    text = page_text(then)
    assert f"As known on {day:%-d %B %Y}" in text
    assert "Progress (%): 40 → 90" in text and "Recruits started in March" in text
    now = staff_client.get(url)
    shown = [row[1:5:3] for row in table_rows(now)[-1]]
    assert ["Recruit 40 officers", "90%"] in shown and "Added later" in str(shown)
