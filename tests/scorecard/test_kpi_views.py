"""KPI tables, their downloads and command, what needs attention, data freshness
and the methodology, from stored values."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from scorecard.models import MethodSettings, MonthlyValue
from tests.factories import MeasureFactory
from tests.pages import cells, queries_of
from tests.scorecard_data import OCT_2023, put_values


def more_measures(catalogue, count=5, topic=None):
    for n in range(count):
        options = {"topic": topic} if topic else {}
        measure = MeasureFactory(code=f"M{n}", areas=list(catalogue["areas"]), **options)
        for area in catalogue["areas"]:
            put_values(measure, area, [n + 1] * 24)


def topic_url(catalogue, **query):
    url = reverse("scorecard:topic", args=[catalogue["topic"].code])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_topic_table_has_the_seeds_columns_for_the_latest_month(kpi_data, staff_client):
    response = staff_client.get(topic_url(kpi_data))
    rows = cells(response)
    assert rows[0] == [
        "Measure", "Trend Line (Up to 3 Years' Data)", "Oct-2023", "3 Months to Oct-2023",
        "12 Months to Oct-2023", "12 Months to Oct-2022 vs. 12 Months to Oct-2023",
        "Rolling 12 Month Trend", "Statistical Exceptions", "Exception Weighting",
        "Service Level"]
    calls = rows[1]
    assert calls[0] == "Call Answered Volume: 999"
    assert calls[2:5] == ["2,000", "4,200", "14,100"]
    assert calls[5] == "17.5%"  # 14,100 against 12,000
    assert calls[7] == "One, Eight-Month High Change"
    assert rows[2][2:6] == ["1.0%", "1.0%", "1.0%", "0.0% points"]
    county = rows[3]
    assert county[0] == "Average Time to Answer: All 999 - County"
    assert county[2] == "00:11:40" and county[-1] == "SLA 10 min: not met"
    assert "One-Month High Concern" in county[7]  # down is good: a rise is a concern


def test_trend_line_is_an_svg_with_a_text_alternative(kpi_data, staff_client):
    html = staff_client.get(topic_url(kpi_data)).content.decode()
    assert '<svg class="pcc-sparkline" role="img" aria-label="Monthly values Nov-2020 to ' \
           'Oct-2023: lowest 1,000 in Nov-2021, highest 2,000 in Oct-2023, latest 2,000."' in html
    assert "<script" not in html.split("<main")[1].split("</main>")[0]


def test_an_earlier_reference_month_can_be_chosen(kpi_data, staff_client):
    rows = cells(staff_client.get(topic_url(kpi_data, month="2023-09")))
    assert rows[0][2] == "Sep-2023" and rows[1][2] == "1,100"


def test_a_month_without_data_is_refused_plainly(kpi_data, staff_client):
    response = staff_client.get(topic_url(kpi_data, month="2031-01"))
    assert "Choose a month that has data" in response.content.decode()
    assert cells(response)[0][2] == "Oct-2023"


def test_one_click_sorts_by_weighting(kpi_data, staff_client):
    MeasureFactory(code="LOW", name="A quiet measure", topic=kpi_data["topic"],
                   areas=[kpi_data["areas"][0]], order=0)
    put_values(kpi_data["topic"].measures.get(code="LOW"), kpi_data["areas"][0], [5] * 24)
    published = [row[0] for row in cells(staff_client.get(topic_url(kpi_data)))[1:]]
    assert published[0] == "A quiet measure"
    ranked = cells(staff_client.get(topic_url(kpi_data, sort="-weighting")))[1:]
    weights = [int(row[8]) for row in ranked]
    assert weights == sorted(weights, reverse=True) and ranked[-1][0] == "A quiet measure"


def test_the_page_issues_the_same_queries_for_more_measures(kpi_data, staff_client):
    before = queries_of(staff_client, topic_url(kpi_data))
    more_measures(kpi_data, topic=kpi_data["topic"])
    assert queries_of(staff_client, topic_url(kpi_data)) <= before


def test_figures_follow_a_changed_value_and_changed_settings(kpi_data, staff_client):
    assert cells(staff_client.get(topic_url(kpi_data)))[1][2] == "2,000"
    MonthlyValue.objects.filter(measure=kpi_data["count"], month=OCT_2023).update(value=1100)
    rows = cells(staff_client.get(topic_url(kpi_data)))
    assert rows[1][2] == "1,100"
    # No trend in a flat year, +10.0%: 6; One, Two, Three and Eight: 2 + 3 + 4 + 6.
    assert rows[1][7:9] == ["One, Two, Three, Eight-Month High Change", "21"]
    MethodSettings.objects.create(weight_eight=1, large_change_score=0)
    assert cells(staff_client.get(topic_url(kpi_data)))[1][8] == "10"


def test_csv_download_is_the_displayed_table_for_excel(kpi_data, staff_client):
    kpi_data["count"].name = "=HYPERLINK(1)"
    kpi_data["count"].save()
    url = reverse("scorecard:topic_download", args=[kpi_data["topic"].code, "csv"])
    response = staff_client.get(url + "?month=2023-10")
    assert response["Content-Disposition"].endswith('kpi-crime-communication-centre-999-'
                                                    'service-2023-10.csv"')
    assert response.content.startswith("\ufeff".encode())  # Excel reads it as UTF-8
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    page = cells(staff_client.get(topic_url(kpi_data)))
    assert rows[0] == [h for h in page[0] if not h.startswith("Trend Line")]
    assert rows[1][0] == "'=HYPERLINK(1)"
    assert rows[1][1:] == [page[1][2], page[1][3], page[1][4], page[1][5], page[1][6],
                           "One, Eight-Month High (change)", page[1][8], ""]
    assert rows[2][4] == "0.0% points"  # "-" then a digit is a number, not a formula


def test_xlsx_download_holds_the_same_cells(kpi_data, staff_client):
    kpi_data["count"].name = "@SUM(1)"
    kpi_data["count"].save()
    url = reverse("scorecard:topic_download", args=[kpi_data["topic"].code, "xlsx"])
    response = staff_client.get(url)
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[c.value or "" for c in row] for row in sheet.iter_rows()]
    csv_url = reverse("scorecard:topic_download", args=[kpi_data["topic"].code, "csv"])
    text = staff_client.get(csv_url).content.decode("utf-8-sig")
    # The same cells; a formula is quoted in the CSV and stored as text in the XLSX.
    assert values == [[cell.removeprefix("'") for cell in row]
                      for row in csv.reader(io.StringIO(text))]
    assert "'@SUM(1)" in text
    assert sheet["A2"].data_type == "s" and sheet["A2"].value == "@SUM(1)"
    assert sheet["A2"].quotePrefix


def test_unknown_download_kind_is_not_found(kpi_data, staff_client):
    url = reverse("scorecard:topic_download", args=[kpi_data["topic"].code, "pdf"])
    assert staff_client.get(url).status_code == 404


def test_data_summary_bullets_use_the_tables_figures(kpi_data, staff_client):
    html = staff_client.get(topic_url(kpi_data)).content.decode()
    assert "Call Answered Volume: 999 is recording a year-on-year increase of 17.5%." in html
    assert ("Abandonment Rate: All 999 was 1.0% in October 2023, and 1.0% over 12 months, "
            "the same as the previous 12 months.") in html


def test_attention_ranks_every_row_by_weighting_and_filters(kpi_data, staff_client):
    url = reverse("scorecard:attention")
    rows = cells(staff_client.get(url))
    assert rows[0][0] == "Measure" and rows[0][-1] == "Exception Weighting"
    weights = [int(r[-1]) for r in rows[1:]]
    assert weights == sorted(weights, reverse=True) and len(weights) == 5
    concerns = cells(staff_client.get(url + "?movement=concern"))[1:]
    assert [r[0] for r in concerns] == ["Average Time to Answer: All 999 - County"]
    county = kpi_data["areas"][1].pk
    assert len(cells(staff_client.get(f"{url}?area={county}"))) == 2
    html = staff_client.get(url).content.decode()
    assert f'href="{kpi_data["count"].get_absolute_url()}#area-FORCE"' in html


def test_attention_filters_by_priority(kpi_data, staff_client, current_plan):
    priority = current_plan.priorities.get()
    url = reverse("scorecard:attention") + f"?priority={priority.pk}"
    assert len(cells(staff_client.get(url))) == 2  # header and "no measures match"
    kpi_data["topic"].priority = priority
    kpi_data["topic"].save()
    assert len(cells(staff_client.get(url))) == 6


def test_attention_queries_do_not_grow(kpi_data, staff_client):
    before = queries_of(staff_client, reverse("scorecard:attention"))
    more_measures(kpi_data)
    assert queries_of(staff_client, reverse("scorecard:attention")) <= before


def test_freshness_flags_measures_missing_last_month(kpi_data, staff_client, settings):
    from scorecard.freshness import latest_months

    rows = latest_months(OCT_2023)
    assert [(r.label, r.missing) for r in rows] == [
        ("Average Time to Answer: All 999 - Swindon", True),
        ("Victim satisfaction", True),
        ("Call Answered Volume: 999", False),
        ("Abandonment Rate: All 999", False),
        ("Average Time to Answer: All 999 - County", False),
    ]
    html = staff_client.get(reverse("scorecard:freshness")).content.decode()
    assert "Oct-2023" in html and "No data" in html and "Missing" in html


def test_methodology_shows_the_current_settings(staff_client, panel_client):
    MethodSettings.objects.create(trend_threshold=4.5, weight_eight=9)
    html = staff_client.get(reverse("scorecard:methodology")).content.decode()
    assert "by at least 4.5% of their average" in html
    assert "2, 3, 4, 9" in html
    assert panel_client.get(reverse("scorecard:methodology")).status_code == 200


def test_scorecard_index_and_objective_page_list_topics(kpi_data, staff_client, current_plan):
    objective = current_plan.priorities.get().objectives.get()
    kpi_data["topic"].objective = objective
    kpi_data["topic"].save()
    topic_link = f'href="{kpi_data["topic"].get_absolute_url()}"'
    assert topic_link in staff_client.get(reverse("scorecard:index")).content.decode()
    page = staff_client.get(reverse("plan:objective", args=[objective.pk]))
    assert topic_link in page.content.decode()


@pytest.mark.parametrize("url", ["/scorecard/", "/scorecard/freshness/"])
def test_index_and_freshness_queries_do_not_grow(kpi_data, staff_client, url):
    before = queries_of(staff_client, url)
    more_measures(kpi_data)
    assert queries_of(staff_client, url) <= before
