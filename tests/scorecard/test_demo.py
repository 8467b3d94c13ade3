"""The demo scorecard reproduces seed 001's published figures, and reloads as a no-op."""

import csv
import io

import pandas as pd
import pytest
from django.core.management import call_command

from scorecard.demo import series_specs
from scorecard.demo_series import FIGURES, published_figures
from scorecard.models import Annotation, Area, ComparatorValue, Measure, MonthlyValue


def stored_rows(spec) -> pd.DataFrame:
    values = MonthlyValue.objects.filter(measure__code=spec.code, area__code=spec.area)
    frame = pd.DataFrame(values.values("month", "value", "numerator", "denominator", "weight"))
    return frame.astype({c: float for c in ("value", "numerator", "denominator", "weight")})


@pytest.mark.django_db
def test_every_published_figure_comes_out_of_the_data(demo):
    checked = 0
    for spec in series_specs():
        got = published_figures(stored_rows(spec), spec)
        for figure in FIGURES:
            printed = spec.printed[figure]
            if printed:
                assert got[figure] == printed, (spec.code, spec.area, figure)
                checked += 1
    assert checked >= 130  # every column of every row of seed 001's KPI tables


@pytest.mark.django_db
def test_every_series_has_at_least_four_years(demo):
    months = MonthlyValue.objects.values("measure", "area").distinct().count()
    assert months == len(series_specs())
    for spec in series_specs():
        assert MonthlyValue.objects.filter(measure__code=spec.code,
                                           area__code=spec.area).count() >= 48


@pytest.mark.django_db
def test_service_levels_reclassification_and_comparators(demo):
    thresholds = {t.label: t.value for m in Measure.objects.all() for t in m.thresholds.all()}
    assert thresholds == {"Urban SLA 15 min": 900, "Rural SLA 20 min": 1200,
                          "CCH SLA 30 s": 30}
    assert Annotation.objects.get(kind="definition_change").month.isoformat() == "2023-04-01"
    complaints = {(c.comparator, c.period_start.year): c.value for c in
                  ComparatorValue.objects.filter(measure__code="CMP-CASES")}
    assert complaints == {("force", 2023): 371, ("force", 2022): 311, ("msg", 2023): 259,
                          ("national", 2023): 20503}


@pytest.mark.django_db
def test_importing_an_export_of_the_demo_changes_nothing(demo, tmp_path):
    path = tmp_path / "demo.csv"
    call_command("export_values", str(path), stdout=io.StringIO())
    events = MonthlyValue.pgh_event_model.objects.count()
    out = io.StringIO()
    call_command("import_values", str(path), stdout=out)
    assert "0 new, 0 changed, 2,570 unchanged." in out.getvalue()
    assert MonthlyValue.pgh_event_model.objects.count() == events


@pytest.mark.django_db
def test_loading_the_demo_again_changes_nothing(demo):
    events = MonthlyValue.pgh_event_model.objects.count()
    measure_events = Measure.pgh_event_model.objects.count()
    call_command("load_demo", "--noinput", stdout=io.StringIO())
    assert MonthlyValue.pgh_event_model.objects.count() == events
    assert Measure.pgh_event_model.objects.count() == measure_events


def kpi_table_csv(month: str) -> dict:
    out = io.StringIO()
    call_command("kpi_table", "--month", month, "--format", "csv", stdout=out)
    # As a spreadsheet shows it: without the quote that keeps "-1.2" text.
    rows = [[cell.removeprefix("'") for cell in row]
            for row in csv.reader(io.StringIO(out.getvalue()))]
    return {row[1]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}


@pytest.mark.django_db
def test_kpi_table_prints_every_row_of_the_seeds_tables(demo):
    """Month, 3 months, 12 months and year-on-year, as seed 001 prints them."""
    from scorecard.formats import month_label
    from scorecard.kpi_rows import headers, row_label

    printed = [spec for spec in series_specs()
               if spec.printed["source"].startswith("seed 001 KPI table")]
    tables = {}
    checked = 0
    for spec in printed:
        month = spec.reference.strftime("%Y-%m")
        table = tables.setdefault(month, kpi_table_csv(month))
        measure = Measure.objects.get(code=spec.code)
        row = table[row_label(measure, Area.objects.get(code=spec.area))]
        titles = headers(spec.reference)
        for figure in FIGURES:
            assert row[titles[figure]] == spec.printed[figure], (
                spec.code, spec.area, figure, month_label(spec.reference))
            checked += 1
    assert len(printed) == 33 and checked == 33 * 4


@pytest.mark.django_db
def test_every_demo_kpi_page_opens(demo, staff_client):
    from scorecard.models import Topic

    pages = ["/scorecard/", "/scorecard/attention/", "/scorecard/freshness/"]
    pages += [topic.get_absolute_url() for topic in Topic.objects.all()]
    pages += [measure.get_absolute_url() for measure in Measure.objects.all()]
    for page in pages:
        assert staff_client.get(page).status_code == 200, page
    # Tables default to their latest month: the domestic abuse tables' is Sep-2023.
    html = staff_client.get(Measure.objects.get(code="DA-VOL").topic.get_absolute_url())
    assert "3 Months to Sep-2023" in html.content.decode()
