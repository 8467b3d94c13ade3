"""Measure pages: the catalogue, a measure's values and its revisions."""

import pghistory
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from scorecard.models import MonthlyValue, Threshold
from tests.factories import MeasureFactory, UserFactory


def test_the_measure_page_lists_revisions_with_who_what_and_why(staff_client, catalogue):
    measure, force = catalogue["count"], catalogue["areas"][0]
    editor = UserFactory(first_name="Alex", last_name="Analyst")
    with pghistory.context(user=editor.pk, reason="Force resubmitted"):
        value = MonthlyValue.objects.create(measure=measure, area=force, month="2023-10-01",
                                            value=9429)
        value.value = 9430
        value.save()
    page = staff_client.get(measure.get_absolute_url()).content.decode()
    assert "Changed Monthly value: Wiltshire Police, Oct-2023" in page
    assert "value: 9,429 → 9,430" in page
    assert "Alex Analyst" in page and "Force resubmitted" in page


def test_changes_made_in_sql_are_in_the_history(staff_client, catalogue):
    measure, force = catalogue["count"], catalogue["areas"][0]
    MonthlyValue.objects.create(measure=measure, area=force, month="2023-10-01", value=1)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE scorecard_monthlyvalue SET value = 2")
    page = staff_client.get(measure.get_absolute_url()).content.decode()
    assert "value: 1 → 2" in page and "Direct database change" in page


def test_measure_definition_changes_are_listed(staff_client, catalogue):
    measure = catalogue["duration"]
    Threshold.objects.create(measure=measure, label="CCH SLA", value=30, direction="at_most")
    measure.name = "Average Time to Answer: All 999 calls"
    measure.save()
    page = staff_client.get(measure.get_absolute_url()).content.decode()
    assert "Added Threshold: CCH SLA" in page
    assert "name: Average Time to Answer: All 999 → Average Time to Answer: All 999 calls" in page
    assert "CCH SLA: 00:00:30 (met at or below the value)" in page


def test_the_measure_list_groups_measures_by_topic(officer_client, catalogue):
    page = officer_client.get(reverse("scorecard:measure_list")).content.decode()
    assert "Crime &amp; Communication Centre – 999 Service" in page
    assert "Abandonment Rate: All 999" in page


def test_measure_pages_use_a_bounded_number_of_queries(staff_client, catalogue):
    def count(url):
        with CaptureQueriesContext(connection) as queries:
            assert staff_client.get(url).status_code == 200
        return len(queries.captured_queries)

    measure = catalogue["count"]
    pages = [reverse("scorecard:measure_list"), measure.get_absolute_url()]
    with pghistory.context(user=UserFactory().pk):
        MonthlyValue.objects.create(measure=measure, area=catalogue["areas"][0],
                                    month="2022-12-01", value=0)
    before = [count(url) for url in pages]
    for month in range(1, 13):
        MonthlyValue.objects.create(measure=measure, area=catalogue["areas"][0],
                                    month=f"2023-{month:02d}-01", value=month)
    for _ in range(5):
        MeasureFactory(topic=catalogue["topic"])
    assert [count(url) for url in pages] == before
