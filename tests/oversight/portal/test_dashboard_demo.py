"""The dashboard, home pages and search on the demo data."""

from django.urls import reverse

from oversight.core.roles import Role
from tests.oversight.portal.board import count_links, listed


def test_the_demo_dashboard_counts_open_lists_of_the_same_length(demo, client_for):
    client = client_for(Role.OPCC_LEAD)
    html = client.get(reverse("dashboard")).content.decode()
    links = count_links(html)
    assert len(links) > 20
    for href, count in links:
        assert listed(client, href) == count, href


