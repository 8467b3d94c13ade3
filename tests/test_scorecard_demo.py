"""The demo scorecard reproduces seed 001's published figures, and reloads as a no-op."""

import io

import pandas as pd
import pytest
from django.core.management import call_command

from scorecard.demo import series_specs
from scorecard.demo_series import FIGURES, published_figures
from scorecard.models import Annotation, ComparatorValue, Measure, MonthlyValue


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_demo", "--noinput", stdout=io.StringIO())
        yield
        call_command("flush", "--noinput")
        from oversight.roles import sync_roles

        sync_roles()


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
    assert "0 new, 0 changed, 2,597 unchanged." in out.getvalue()
    assert MonthlyValue.pgh_event_model.objects.count() == events


@pytest.mark.django_db
def test_loading_the_demo_again_changes_nothing(demo):
    events = MonthlyValue.pgh_event_model.objects.count()
    measure_events = Measure.pgh_event_model.objects.count()
    call_command("load_demo", "--noinput", stdout=io.StringIO())
    assert MonthlyValue.pgh_event_model.objects.count() == events
    assert Measure.pgh_event_model.objects.count() == measure_events
