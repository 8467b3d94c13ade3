"""Demo data for the PEEL register (seed 000's 3 / 14 / 18 findings, wording
invented and marked so) and seed 004's OPCC delivery plan. Upserts on natural
keys, so loading twice changes nothing."""

import json
from pathlib import Path

from django.conf import settings
from django.db import transaction

from oversight.delivery.models import ActivityUpdate, CoreActivity, DeliveryObjective, DeliveryPlan
from oversight.peel.models import Finding, GradedArea, Inspection, MonitoringStage, ProgressUpdate
from oversight.plan.models import Objective
from scorecard.models import Measure

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
KIND = Finding.Kind


@transaction.atomic
def load_peel(data: dict) -> Inspection:
    fields = dict(data["inspection"])
    inspection, _ = Inspection.objects.update_or_create(title=fields.pop("title"), defaults=fields)
    for order, (name, grade) in enumerate(data["grades"], 1):
        GradedArea.objects.update_or_create(inspection=inspection, name=name,
                                            defaults={"grade": grade, "order": order})
    for cause_data in data["causes"]:
        cause = _finding(inspection, KIND.CAUSE_OF_CONCERN, cause_data)
        for recommendation in cause_data["recommendations"]:
            _finding(inspection, KIND.RECOMMENDATION, recommendation, cause)
    for area in data["areas_for_improvement"]:
        _finding(inspection, KIND.AREA_FOR_IMPROVEMENT, area)
    for stage in data["stages"]:
        MonitoringStage.objects.update_or_create(started_on=stage["started_on"], defaults={
            "stage": stage["stage"], "note": stage["note"]})
    return inspection


def _finding(inspection, kind, data, cause=None) -> Finding:
    finding, _ = Finding.objects.update_or_create(
        inspection=inspection, reference=data["reference"], defaults={
            "kind": kind, "cause": cause, "text": data["text"], "owner": data["owner"],
            "target_date": data["target_date"], "status": data["status"], "is_demo": True})
    finding.objectives.set(Objective.objects.filter(
        priority__plan__is_current=True, code__in=data["objectives"]))
    finding.measures.set(Measure.objects.filter(code__in=data["measures"]))
    for update in data["updates"]:
        ProgressUpdate.objects.update_or_create(
            finding=finding, date=update["date"],
            defaults={"rag": update["rag"], "narrative": update["narrative"]})
    return finding


@transaction.atomic
def load_delivery_plan(data: dict) -> DeliveryPlan:
    fields = dict(data["plan"])
    plan, _ = DeliveryPlan.objects.update_or_create(title=fields.pop("title"), defaults=fields)
    for objective_data in data["objectives"]:
        objective, _ = DeliveryObjective.objects.update_or_create(
            plan=plan, number=objective_data["number"],
            defaults={"title": objective_data["title"]})
        for order, activity_data in enumerate(objective_data["activities"], 1):
            updates = activity_data.get("updates", [])
            activity, _ = CoreActivity.objects.update_or_create(
                objective=objective, order=order, defaults={
                    "text": activity_data["text"], "owner": activity_data["owner"],
                    "status": updates[-1]["status"] if updates else "not_started"})
            for update in updates:
                ActivityUpdate.objects.update_or_create(
                    activity=activity, date=update["date"], defaults={
                        "status": update["status"], "narrative": update["narrative"],
                        "is_demo": True})
    return plan


def load_peel_and_delivery_plan() -> None:
    load_peel(json.loads((FIXTURES / "demo_peel.json").read_text()))
    load_delivery_plan(json.loads((FIXTURES / "demo_delivery_plan.json").read_text()))
