"""The demo's PEEL register against seed 000 (3 causes of concern, 14
recommendations, 18 areas for improvement) and seed 004's OPCC delivery plan."""

import json

import pytest
from django.urls import reverse

from oversight.delivery.models import CoreActivity, DeliveryPlan
from oversight.peel.demo import FIXTURES, load_delivery_plan, load_peel
from oversight.peel.models import Finding, Inspection, MonitoringStage
from tests.oversight.peel.findings import register_counts
from tests.pages import cells, page_text

pytestmark = pytest.mark.django_db


def test_the_register_counts_seed_000s_findings(staff_client, demo):
    counts = register_counts(staff_client.get(reverse("peel:register")))
    assert {kind: row[-1] for kind, row in counts.items()} == {
        "Causes of concern": 3, "Recommendations": 14, "Areas for improvement": 18}
    assert all(f.is_demo for f in Finding.objects.all())  # invented wording, marked


def test_every_recommendation_belongs_to_a_cause_and_the_force_is_in_engage(demo):
    assert not Finding.objects.filter(kind="recommendation", cause__isnull=True).exists()
    assert MonitoringStage.objects.latest().stage == "engage"


def test_the_demo_shows_measures_that_meet_and_miss_sustained_improvement(staff_client, demo):
    r11 = Finding.objects.get(reference="R 1.1")
    rows = cells(staff_client.get(r11.get_absolute_url()))
    verdicts = {row[0]: row[1] for row in rows if len(row) == 4}
    assert verdicts["Abandonment Rate: All 999"] == "Sustained"
    assert verdicts["Average Time to Answer: All 999"] == "Not yet sustained"
    report = page_text(staff_client.get(reverse(
        "peel:progress_report", args=[Inspection.objects.get().pk])))
    assert "Cause of concern CoC 1" in report and "AFI 18" in report


def test_the_delivery_plan_is_seed_004s(staff_client, demo):
    plan = DeliveryPlan.objects.get()
    assert plan.objectives.count() == 5
    assert CoreActivity.objects.count() == 48
    text = page_text(staff_client.get(reverse("delivery:latest")))
    assert "Objective 4. Be an outstanding employer" in text
    assert ("Develop an executive performance dashboard overview for OPCC ELT and PCC / Police "
            "and Crime Panel Director P&C Complete") in text
    assert "ELT owners: CEO, CFO, D/CEO, Director P&C, Head of CC&E." in text


def test_loading_twice_changes_nothing(demo):
    before = (Finding.objects.count(), CoreActivity.objects.count(),
              sum(f.updates.count() for f in Finding.objects.all()))
    load_peel(json.loads((FIXTURES / "demo_peel.json").read_text()))
    load_delivery_plan(json.loads((FIXTURES / "demo_delivery_plan.json").read_text()))
    assert (Finding.objects.count(), CoreActivity.objects.count(),
            sum(f.updates.count() for f in Finding.objects.all())) == before
