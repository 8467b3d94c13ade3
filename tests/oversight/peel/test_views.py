"""The PEEL register: counts and filters, a finding with its measures'
evidence, bad input refused with plain messages, the inspection's response
clock and the progress report; each page's queries bounded."""

import datetime

import pghistory
from django.urls import reverse
from django.utils import timezone

from oversight.peel.models import Finding, ProgressUpdate
from tests.factories import (
    CauseFactory,
    DeliverableFactory,
    FindingFactory,
    InspectionFactory,
    ObjectiveFactory,
    PlanFactory,
    RecommendationFactory,
)
from tests.history_time import backdate
from tests.oversight.peel.findings import BROKEN, IMPROVING, measure_with, register_counts
from tests.pages import cells, page_text, queries_of, table_rows


def listed(response):
    return [row[0] for row in cells(response) if row and row[0].startswith(("CoC", "R ", "AFI"))]


def test_the_register_counts_every_finding_by_kind_and_status(staff_client, cause):
    RecommendationFactory(cause=cause, inspection=cause.inspection, reference="R 1.1",
                          status="evidence_submitted")
    RecommendationFactory(cause=cause, inspection=cause.inspection, reference="R 1.2")
    FindingFactory(inspection=cause.inspection, reference="AFI 1", status="closed")
    response = staff_client.get(reverse("peel:register"))
    assert register_counts(response) == {
        "Causes of concern": [0, 1, 0, 0, 1],
        "Recommendations": [1, 0, 1, 0, 2],
        "Areas for improvement": [0, 0, 0, 1, 1],
    }
    # As HMICFRS lists them: a cause, its recommendations, then areas for improvement.
    assert listed(response) == ["CoC 1", "R 1.1", "R 1.2", "AFI 1"]


def test_filters_narrow_the_list_but_not_the_counts(staff_client, cause):
    objective = ObjectiveFactory(priority__plan=PlanFactory(is_current=True))
    today = timezone.localdate()
    RecommendationFactory(cause=cause, inspection=cause.inspection, reference="R 1.1",
                          target_date=today - datetime.timedelta(days=1), objectives=[objective])
    RecommendationFactory(cause=cause, inspection=cause.inspection, reference="R 1.2",
                          target_date=today - datetime.timedelta(days=1), status="closed")
    RecommendationFactory(cause=cause, inspection=cause.inspection, reference="R 1.3",
                          target_date=today)
    url = reverse("peel:register")
    assert listed(staff_client.get(url, {"kind": "recommendation"})) == ["R 1.1", "R 1.2", "R 1.3"]
    assert listed(staff_client.get(url, {"status": "closed"})) == ["R 1.2"]
    # Overdue: past the target date and not closed; the target day itself is not overdue.
    overdue = staff_client.get(url, {"overdue": "on"})
    assert listed(overdue) == ["CoC 1", "R 1.1"]  # the cause's target date is 2023
    assert listed(staff_client.get(url, {"objective": objective.pk})) == ["R 1.1"]
    assert register_counts(overdue)["Recommendations"][-1] == 3
    bad = staff_client.get(url, {"objective": "999999"})
    assert "Choose an objective from the list" in page_text(bad)


def test_the_register_issues_the_same_queries_for_3_or_30_findings(staff_client, cause):
    measure = measure_with(IMPROVING)
    RecommendationFactory(cause=cause, inspection=cause.inspection, measures=[measure])
    url = reverse("peel:register")
    few = queries_of(staff_client, url)
    plan = PlanFactory(is_current=True)
    for n in range(27):
        finding = RecommendationFactory(cause=cause, inspection=cause.inspection,
                                        measures=[measure], objectives=[
                                            ObjectiveFactory(priority__plan=plan)])
        finding.updates.create(date=datetime.date(2023, 1, 1), rag="red", narrative=f"n{n}")
    assert queries_of(staff_client, url) == few


def test_a_finding_shows_its_measures_rows_and_whether_improvement_is_sustained(
        staff_client, cause):
    improving = measure_with(IMPROVING, name="Arrest Rate: DA")
    broken = measure_with([20 - x for x in BROKEN], polarity="down_is_good",
                          name="Outstanding Suspects: DA")
    deliverable = DeliverableFactory(action="Daily review of outstanding suspects")
    finding = RecommendationFactory(cause=cause, inspection=cause.inspection,
                                    measures=[improving, broken], deliverables=[deliverable])
    response = staff_client.get(finding.get_absolute_url())
    rows = cells(response)
    assert ["Arrest Rate: DA", "Sustained", "6",
            "6 months in a row on the improvement side of the centre line."] in rows
    assert ["Outstanding Suspects: DA", "Not yet sustained", "3",
            "3 months in a row on the improvement side of the centre line; 6 are needed."] in rows
    text = page_text(response)
    assert "1 of 2 measures sustained" in text
    assert "Oct-2023" in text  # the KPI rows' month column header
    assert ["Arrest Rate: DA", "", "12", "12", "11.12", "", "Increasing",
            "Three-Month High Improvement", "4"] in rows  # its KPI row, as the topic table has it
    assert any("Daily review of outstanding suspects" in row for row in rows)
    assert response.content.count(b'class="pcc-chart"') == 2


def test_a_finding_page_issues_a_bounded_number_of_queries(staff_client, cause):
    one = RecommendationFactory(cause=cause, inspection=cause.inspection,
                                measures=[measure_with(IMPROVING)])
    three = RecommendationFactory(cause=cause, inspection=cause.inspection, measures=[
        measure_with(IMPROVING, name=f"Measure {n}") for n in range(3)])
    assert queries_of(staff_client, one.get_absolute_url()) == queries_of(
        staff_client, three.get_absolute_url())


def finding_data(inspection, **changes):
    data = {"inspection": inspection.pk, "kind": "recommendation", "cause": "",
            "reference": "R 9", "text": "The force should answer calls.", "owner": "",
            "target_date": "", "status": "open"}
    return data | changes


def test_a_recommendation_needs_its_cause_of_concern(staff_client, cause):
    response = staff_client.post(reverse("peel:finding_add"), finding_data(cause.inspection))
    assert "Choose the cause of concern this recommendation belongs to" in page_text(response)
    assert 'href="#id_cause"' in response.content.decode()  # the summary links to the field
    assert not Finding.objects.filter(reference="R 9").exists()
    saved = staff_client.post(reverse("peel:finding_add"),
                              finding_data(cause.inspection, cause=cause.pk))
    assert saved.status_code == 302
    assert Finding.objects.get(reference="R 9").cause == cause


def test_only_a_recommendation_belongs_to_a_cause(staff_client, cause):
    response = staff_client.post(reverse("peel:finding_add"), finding_data(
        cause.inspection, kind="afi", cause=cause.pk))
    assert "Only a recommendation belongs to a cause of concern" in page_text(response)


def test_a_cause_from_another_inspection_is_refused(staff_client, cause):
    other = InspectionFactory()
    response = staff_client.post(reverse("peel:finding_add"),
                                 finding_data(other, cause=cause.pk))
    assert "Choose a cause of concern from the same inspection" in page_text(response)


def test_a_target_date_before_the_inspection_is_refused(staff_client, cause):
    response = staff_client.post(reverse("peel:finding_add"), finding_data(
        cause.inspection, cause=cause.pk, target_date="30 June 2022"))
    assert ("The target date must be on or after the inspection was published (1 July 2022)"
            in page_text(response))
    assert not Finding.objects.filter(reference="R 9").exists()
    response = staff_client.post(reverse("peel:finding_add"), finding_data(
        cause.inspection, cause=cause.pk, target_date="31/02/2023"))
    assert "Enter a date like 31 March 2023" in page_text(response)


def test_a_progress_update_needs_text_and_sets_the_status(staff_client, cause):
    finding = RecommendationFactory(cause=cause, inspection=cause.inspection)
    url = reverse("peel:add_update", args=[finding.pk])
    data = {"date": "14 December 2023", "narrative": "   ", "rag": "amber",
            "status": "in_progress"}
    response = staff_client.post(url, data)
    assert "Enter what progress has been made" in page_text(response)
    assert not ProgressUpdate.objects.exists()
    response = staff_client.post(url, data | {"narrative": "Call-back trial started."})
    assert response.status_code == 302
    finding.refresh_from_db()
    update = finding.updates.get()
    assert (finding.status, update.rag, update.date) == (
        "in_progress", "amber", datetime.date(2023, 12, 14))
    assert update.author.username.startswith("user")
    page = page_text(staff_client.get(finding.get_absolute_url()))
    assert "14 December 2023 RAG: Amber" in page and "Call-back trial started." in page


def test_force_officers_read_findings_but_cannot_record_progress(officer_client, cause):
    response = officer_client.get(cause.get_absolute_url())
    assert response.status_code == 200
    assert "Add a progress update" not in page_text(response)
    post = officer_client.post(reverse("peel:add_update", args=[cause.pk]),
                               {"date": "1 January 2024", "narrative": "x", "rag": "red",
                                "status": "open"})
    assert post.status_code == 403 and not ProgressUpdate.objects.exists()


def test_the_inspection_page_shows_the_response_clock(staff_client, db):
    today = timezone.localdate()
    published = today - datetime.timedelta(days=50)
    inspection = InspectionFactory(published_on=published)
    text = page_text(staff_client.get(inspection.get_absolute_url()))
    last = published + datetime.timedelta(days=55)
    assert f"Last day to publish the response {last:%A %-d %B %Y}" in text
    assert "5 days left" in text
    inspection.published_on = today - datetime.timedelta(days=60)
    inspection.save()
    assert "Overdue by 5 days" in page_text(staff_client.get(inspection.get_absolute_url()))


def test_the_progress_report_groups_recommendations_under_their_cause(staff_client, cause):
    measure = measure_with(IMPROVING)
    first = RecommendationFactory(cause=cause, inspection=cause.inspection, reference="R 1.1",
                                  measures=[measure])
    first.updates.create(date=datetime.date(2023, 6, 15), rag="red", narrative="Older.")
    first.updates.create(date=datetime.date(2023, 12, 14), rag="green", narrative="Newer.")
    other = CauseFactory(inspection=cause.inspection, reference="CoC 2")
    RecommendationFactory(cause=other, inspection=cause.inspection, reference="R 2.1")
    FindingFactory(inspection=cause.inspection, reference="AFI 1")
    url = reverse("peel:progress_report", args=[cause.inspection.pk])
    response = staff_client.get(url)
    text = page_text(response)
    assert text.index("Cause of concern CoC 1") < text.index("R 1.1") < text.index(
        "Cause of concern CoC 2") < text.index("R 2.1") < text.index("AFI 1")
    assert "14 Dec 2023 RAG: Green Newer." in text and "Older." not in text
    assert "1 of 1 measures sustained" in text
    assert "Arrest Rate: DA: sustained (6 months)" in text
    few = queries_of(staff_client, url)
    for _ in range(10):
        RecommendationFactory(cause=other, inspection=cause.inspection, measures=[measure])
    assert queries_of(staff_client, url) == few


def test_the_register_as_known_on_a_past_day_shows_the_statuses_then(staff_client, cause):
    RecommendationFactory(cause=cause, inspection=cause.inspection, reference="R 1.1")
    day = backdate(5)
    with pghistory.context(reason="HMICFRS accepted the evidence"):
        Finding.objects.filter(reference="R 1.1").update(status="closed")
    url = reverse("peel:register")
    then = staff_client.get(url, {"known": day.isoformat()})
    assert register_counts(then)["Recommendations"] == [1, 0, 0, 0, 1]
    text = page_text(then)
    assert f"As known on {day:%-d %B %Y}" in text and "HMICFRS accepted the evidence" in text
    assert "Status: Open → Closed" in text
    assert register_counts(staff_client.get(url))["Recommendations"] == [0, 0, 0, 1, 1]
    closed_then = staff_client.get(url, {"status": "closed", "known": day.isoformat()})
    assert table_rows(closed_then, leaving_out="pcc-revised-since")[-1] == []
