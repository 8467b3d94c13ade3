"""How a finding's status and an update's RAG rating are shown."""

from oversight.core.presenters import tag
from oversight.peel.models import Finding, ProgressUpdate

FINDING_COLOURS = {"open": "grey", "in_progress": "blue", "evidence_submitted": "purple",
                   "closed": "green"}
RAG_COLOURS = {"red": "red", "amber": "orange", "green": "green"}


def finding_status_tag(finding: Finding) -> str:
    return tag(finding.get_status_display(), FINDING_COLOURS[finding.status])


def rag_tag(update: ProgressUpdate) -> str:
    return tag(f"RAG: {update.get_rag_display()}", RAG_COLOURS[update.rag])
