"""Demo data for the PEEL register (seed 000's 3 / 14 / 18 findings, wording
invented and marked so) and seed 004's OPCC delivery plan. Upserts on natural
keys, so loading twice changes nothing."""

import json
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import transaction

from oversight.delivery.models import ActivityUpdate, CoreActivity, DeliveryObjective, DeliveryPlan
from oversight.peel.models import (
    Finding,
    GradedArea,
    Inspection,
    MonitoringStage,
    ProgressUpdate,
    Rag,
)
from oversight.plan.models import Objective
from scorecard.formats import add_months
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


# Invented quarterly updates on each finding still open, each finding in its
# own month of the quarter, so that every recent month has some.
RECENT_MONTHS = 12
UPDATE_DAY = 10
NARRATIVES = {
    Rag.GREEN: "Demo update (invented): the actions are complete and the evidence is being "
               "gathered for HMICFRS.",
    Rag.AMBER: "Demo update (invented): most actions are on track; {owner} reports a delay "
               "to one, with a revised date.",
    Rag.RED: "Demo update (invented): progress has stalled; {owner} is to bring a recovery "
             "plan to the next ELG review.",
}


@transaction.atomic
def load_peel_present(today: date) -> int:
    """Updates on the open findings over the last year before `today`; those
    already there are kept. Returns how many were added."""
    this_month = today.replace(day=1)
    months = [add_months(this_month, -n) for n in range(RECENT_MONTHS, 0, -1)]
    findings = Finding.objects.exclude(status=Finding.Status.CLOSED).order_by("pk")
    dated = set(ProgressUpdate.objects.values_list("finding_id", "date"))
    updates = []
    for index, finding in enumerate(findings):
        for month in months:
            day = month.replace(day=UPDATE_DAY)
            if (month.month + index) % 3 or (finding.pk, day) in dated:
                continue
            rag = [Rag.AMBER, Rag.GREEN, Rag.AMBER, Rag.RED][(index + month.month) % 4]
            updates.append(ProgressUpdate(finding=finding, date=day, rag=rag,
                                          narrative=NARRATIVES[rag].format(owner=finding.owner)))
    ProgressUpdate.objects.bulk_create(updates)
    return len(updates)
