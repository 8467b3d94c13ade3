"""The Publishing page lists every record of every kind in a bounded number
of queries, however many there are."""

from django.urls import reverse

from oversight.peel.response_service import start_response
from tests.factories import InspectionFactory
from tests.pages import queries_of


def test_the_publishing_page_reads_a_bounded_number_of_queries(staff_client):
    url = reverse("publishing")
    start_response(InspectionFactory())
    one = queries_of(staff_client, url)
    for _ in range(3):
        start_response(InspectionFactory())
    assert queries_of(staff_client, url) == one
