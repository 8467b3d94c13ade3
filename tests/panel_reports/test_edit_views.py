"""Editing a draft (panel_reports/edit_views.py): figure tokens in SO WHAT render as
the tables' figures; a bad token is refused by name."""

import pytest
from django.urls import reverse

from tests.pages import page_text
from tests.panel_reports.reports import kpi_cells, topic_url


def test_so_what_tokens_render_as_the_tables_figures(draft, kpi_data, staff_client):
    url = reverse("panel_reports:topic_edit", args=[draft.pk, kpi_data["topic"].code])
    text = ("- Calls rose [[CALLS:year_on_year]] to [[CALLS:month]].\n"
            "- Abandonment [[ABANDON:month]], [[ABANDON:change]] on last year.\n"
            "- County waits [[WAIT/COUNTY:month]].")
    response = staff_client.post(url, {"so_what": text, "now_what": "Recruit.",
                                       "show_charts": "no"})
    assert response.status_code == 302
    page = page_text(staff_client.get(topic_url(draft, kpi_data)))
    assert "Calls rose 17.5% to 2,000." in page
    assert "Abandonment 1.0%, 0.0 percentage points on last year." in page
    assert "County waits 00:11:40." in page
    table = kpi_cells(staff_client.get(topic_url(draft, kpi_data)))
    assert table["Call Answered Volume: 999"][2] == "2,000"
    assert table["Call Answered Volume: 999"][5] == "17.5%"


@pytest.mark.parametrize(("token", "message"), [
    ("[[CALS:month]]", "[[CALS:month]]: measure CALS is not in this report."),
    ("[[CALLS:latest]]", "[[CALLS:latest]] names no figure “latest”"),
    ("[[CALLS month]]", "[[CALLS month]] is not a figure token"),
])
def test_a_bad_token_is_refused_with_a_message_naming_it(draft, kpi_data, staff_client, token,
                                                          message):
    page = draft.topic_pages.get()
    url = reverse("panel_reports:topic_edit", args=[draft.pk, kpi_data["topic"].code])
    response = staff_client.post(url, {"so_what": f"Calls were {token}.", "now_what": "",
                                       "show_charts": "no"})
    assert response.status_code == 200
    assert message in page_text(response)
    page.refresh_from_db()
    assert token not in page.so_what  # nothing saved
