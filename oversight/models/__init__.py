"""The Plan's models: the Police and Crime Plan, HMICFRS inspections and their
findings, and the OPCC's own delivery plan."""

from oversight.core.models import PrintedPdf, RoleChange
from oversight.core.public_cache import PublicPage
from oversight.core.publications import Publication
from oversight.core.reader_pages import ReaderPage
from oversight.core.session_store import PortalSession
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
from oversight.peel.responses import InspectionResponse, RecommendationExplanation
from oversight.plan.models import (
    Access,
    Deliverable,
    DeliverableQuerySet,
    Objective,
    Plan,
    Priority,
)
from oversight.transparency.models import (
    ComplaintsInformation,
    Decision,
    NationalPrioritiesStatement,
    PriorityContribution,
)

__all__ = [
    "PrintedPdf", "PortalSession", "PublicPage", "ReaderPage", "Publication", "RoleChange",
    "Decision",
    "InspectionResponse", "RecommendationExplanation", "ComplaintsInformation",
    "NationalPrioritiesStatement", "PriorityContribution",
    "Access", "ActivityStatus", "ActivityUpdate", "CoreActivity", "Deliverable",
    "DeliverableQuerySet", "DeliveryObjective", "DeliveryPlan", "Finding", "Grade",
    "GradedArea", "Inspection", "MonitoringStage", "Objective", "Plan", "Priority",
    "ProgressUpdate", "Rag",
]
