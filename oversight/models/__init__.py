"""The Plan's models: the Police and Crime Plan, HMICFRS inspections and their
findings, and the OPCC's own delivery plan."""

from oversight.core.models import PrintedPdf, RoleChange
from oversight.delivery.models import (
    ActivityStatus,
    ActivityUpdate,
    CoreActivity,
    DeliveryObjective,
    DeliveryPlan,
)
from oversight.peel.models import (
    Finding,
    Grade,
    GradedArea,
    Inspection,
    MonitoringStage,
    ProgressUpdate,
    Rag,
)
from oversight.plan.models import (
    Access,
    Deliverable,
    DeliverableQuerySet,
    Objective,
    Plan,
    Priority,
)

__all__ = [
    "PrintedPdf", "RoleChange",
    "Access", "ActivityStatus", "ActivityUpdate", "CoreActivity", "Deliverable",
    "DeliverableQuerySet", "DeliveryObjective", "DeliveryPlan", "Finding", "Grade",
    "GradedArea", "Inspection", "MonitoringStage", "Objective", "Plan", "Priority",
    "ProgressUpdate", "Rag",
]
