"""The public site's sections of published records: each kind's list and
record pages, its title and the order its list takes (Publications only)."""

from dataclasses import dataclass

from django.http import Http404
from django.urls import reverse

from elg.models import PublishedNotes
from oversight.core.publications import Publication, PublicationQuerySet
from oversight.peel.responses import InspectionResponse
from oversight.transparency.duties import HIGHLIGHT_REPORTS
from oversight.transparency.models import (
    ComplaintsInformation,
    Decision,
    NationalPrioritiesStatement,
)
from panel_reports.models import AnnualReport


@dataclass(frozen=True)
class Section:
    kind: str
    list_name: str  # the URL names (public:<list_name>) and templates of its pages
    record_name: str
    title: str
    order: tuple[str, ...]  # of its list: the newest first

    def current(self) -> PublicationQuerySet:
        return Publication.objects.current().of_kind(self.kind).order_by(*self.order)

    def record(self, key: str) -> Publication:
        found = self.current().filter(key=key).first()
        if found is None:
            raise Http404("Nothing is published at this address")
        return found

    @property
    def list_template(self) -> str:
        return f"public/{self.list_name}.html"

    @property
    def record_template(self) -> str:
        return f"public/{self.record_name}.html"


DECISIONS = Section(Decision.public_kind, "decisions", "decision", "Decisions register",
                    ("-document__date", "-key"))
INSPECTIONS = Section(InspectionResponse.public_kind, "inspections", "inspection",
                      "Inspections of the force",
                      ("-document__inspection__published_on",))
NATIONAL_PRIORITIES = Section(NationalPrioritiesStatement.public_kind, "national_priorities",
                              "national_priorities_statement",
                              "The national priorities for policing", ("-key",))
COMPLAINTS = Section(ComplaintsInformation.public_kind, "complaints", "complaints_return",
                     "Complaints information", ("-key",))
ANNUAL_REPORTS = Section(AnnualReport.public_kind, "annual_reports", "annual_report",
                         "Annual reports", ("-key",))
MEETING_NOTES = Section(PublishedNotes.public_kind, "meeting_notes", "meeting_note",
                        "Meeting notes", ("-key",))
SECTIONS = [ANNUAL_REPORTS, NATIONAL_PRIORITIES, INSPECTIONS, COMPLAINTS, DECISIONS,
            MEETING_NOTES]
BY_KIND = {section.kind: section for section in SECTIONS}


def url_of(kind: str, key: str) -> str:
    """The public address of a published record of `kind` (a highlight report's
    key is its id)."""
    if kind == HIGHLIGHT_REPORTS:
        return reverse("public:report", args=[int(key)])
    section = BY_KIND.get(kind)
    return reverse(f"public:{section.record_name}", args=[key]) if section else ""
