"""A report as one document of plain data (JSON): built from the live Plan,
scorecard and PEEL register while it is a draft, and stored whole when it is
published. Every page of a report and its PDF render this document alone, so
a published report shows exactly what was published, and its pages need no
statistics at all.

The parts come in seed 001's order: each priority followed by its topic
pages, the PEEL progress report, the PCC's overall assessment, the forward
work plan and the acronyms used. Texts are marked up for acronyms in that
order, so each acronym's first use is the one explained.
"""

import json
from collections.abc import Callable, Iterable

from django.utils import timezone
from plotly.utils import PlotlyJSONEncoder

from oversight.core.known import past
from oversight.plan.models import Deliverable
from oversight.plan.presenters import STATUS_TAG_COLOURS
from oversight.plan.queries import deliverables_with_status
from panel_reports import tokens
from panel_reports.glossary import Marker
from panel_reports.models import (
    Acronym,
    AgendaItem,
    PanelMeeting,
    PrioritySection,
    Report,
    TopicPage,
)
from panel_reports.peel_part import peel_part
from panel_reports.topic_parts import comparator_values, rows_of_pages, topic_part
from scorecard.formats import month_label

# Published documents are kept for ever: templates must go on rendering every
# schema ever stored (tests/test_panel_reports.py renders a stored one).
SCHEMA = 1
FORWARD_PLAN_MEETINGS = 6  # seed 001's work plan looks about six months ahead


def build(report: Report) -> dict:
    """The report as it stands now, as JSON-ready data."""
    sections = list(report.sections.select_related("priority"))
    pages = list(report.topic_pages.select_related("topic"))
    rows = rows_of_pages(pages)
    book = tokens.book_of(row for page in pages for row in rows[page.topic_id])
    marker = Marker(dict(Acronym.objects.values_list("acronym", "meaning")))
    parts = []
    deliverables = deliverables_by_priority(report, sections)
    compared = comparator_values(row for found in rows.values() for row in found)

    def topic(page: TopicPage) -> dict:
        return topic_part(page, rows[page.topic_id], book, marker, compared)

    for section in sections:
        parts.append(priority_part(section, deliverables.get(section.priority_id, []), marker)
                     | {"as_of": report.period_end_day})
        parts += [topic(page) for page in pages
                  if page.topic.priority_id == section.priority_id]
    placed = {section.priority_id for section in sections}
    parts += [topic(page) for page in pages if page.topic.priority_id not in placed]
    parts += [part for part in (peel_part(report, marker), assessment_part(report, marker))
              if part]
    parts.append(forward_plan_part(report))
    parts.append({"kind": "glossary", "slug": "acronyms", "title": "Acronyms", "level": 1,
                  "entries": marker.listed()})
    return plain({
        "schema": SCHEMA, "title": report.title, "period": report.period, "version": report.version,
        "reference_month": report.reference_month,
        "month_label": month_label(report.reference_month),
        "meeting": str(report.meeting) if report.meeting else "",
        "built_at": timezone.now(), "parts": parts,
    })


def plain(document: dict) -> dict:
    """JSON types only (dates as ISO text, NaN as null), as the snapshot stores it."""
    return json.loads(json.dumps(document, cls=PlotlyJSONEncoder))


def so_what_problems(report: Report, text: str) -> list[str]:
    """What is wrong with the figure tokens in a topic page's SO WHAT text."""
    rows = rows_of_pages(report.topic_pages.select_related("report"))
    return tokens.problems(text, tokens.book_of(row for found in rows.values() for row in found))


def deliverables_by_priority(report: Report,
                             sections: Iterable[PrioritySection]) -> dict[int, list]:
    """The Plan's deliverables under way by the period's end, their progress and
    status as at that day (as known at its end, once it is over)."""
    as_of = report.period_end_day
    found: dict[int, list] = {}
    for deliverable in deliverables_with_status(Deliverable.objects.filter(
            objective__priority__in=[s.priority_id for s in sections], start_date__lte=as_of),
            as_of, past(as_of)):
        status = deliverable.current_status
        found.setdefault(deliverable.objective.priority_id, []).append({
            "action": deliverable.action, "due": f"{deliverable.due_date:%b %y}",
            "progress": deliverable.progress,
            "status": {"text": status.label, "colour": STATUS_TAG_COLOURS[status]}})
    return found


def priority_part(section: PrioritySection, deliverables: list, marker: Marker) -> dict:
    priority = section.priority
    return {"kind": "priority", "slug": f"priority-{priority.number}", "level": 1,
            "number": priority.number,
            "title": f"Priority {priority.number}: {priority.title}",
            "outcomes": marker.block(section.outcomes), "deliverables": deliverables,
            "focus": marker.block(section.focus), "risks": marker.block(section.risks)}


def assessment_part(report: Report, marker: Marker) -> dict | None:
    if not report.assessment.strip():
        return None
    return {"kind": "assessment", "slug": "assessment", "title": "Overall PCC assessment",
            "level": 1, "text": marker.block(report.assessment)}


def forward_plan_part(report: Report) -> dict:
    """The panel's meetings after this report's, with their provisional agendas."""
    after = report.meeting.date if report.meeting else report.period_end_day
    meetings = PanelMeeting.objects.filter(date__gt=after).prefetch_related("items")
    return {"kind": "forward_plan", "slug": "forward-work-plan", "level": 1,
            "title": "Police and Crime Panel forward work plan",
            "meetings": [meeting_entry(m) for m in meetings[:FORWARD_PLAN_MEETINGS]]}


def meeting_entry(meeting: PanelMeeting,
                  link: Callable[[AgendaItem], str] = lambda item: "") -> dict:
    """A meeting as the work plan prints it; `link` gives an agenda item's address."""
    return {"date": f"{meeting.date:%A %-d %B %Y}", "time": meeting_time(meeting),
            "place": meeting.place,
            "items": [{"title": item.title, "url": link(item)} for item in meeting.items.all()]}


def meeting_time(meeting: PanelMeeting) -> str:
    """ "10:30am–1pm", as the work plan prints it."""
    times = (meeting.starts_at, meeting.ends_at)
    return "–".join(f"{t:%-I:%M%p}".lower().replace(":00", "") for t in times if t)


def contents(parts: Iterable[dict]) -> list[tuple[dict, list[dict]]]:
    """The contents page: each main part with the topic pages that follow it."""
    found: list[tuple[dict, list[dict]]] = []
    for part in parts:
        if part["level"] == 1 or not found:
            found.append((part, []))
        else:
            found[-1][1].append(part)
    return found
