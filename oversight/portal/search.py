"""Search across the portal with PostgreSQL full-text search.

Each kind of thing declares the permission needed to open it and the rows a
reader may open (drafts, unissued briefings and unpublished reports are left
out unless the reader may open those), so a result is never something its
reader cannot open. One query a kind, at most LIMIT results each, best first.
"""

import functools
import operator
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorField,
)
from django.db.models import F, Func, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from elg.models import BriefingQuestion, Meeting, OutcomeNote, Question
from oversight.core.requests import Reader
from oversight.core.roles import Perm
from oversight.peel.models import Finding
from oversight.plan.models import Deliverable, Objective
from panel_reports.models import PanelMeeting, Report
from scorecard.models import Measure

CONFIG = "english"
LIMIT = 20
# Headlines are marked with characters no text holds, then escaped and marked up.
START, STOP = "\x02", "\x03"


class ReportText(Func):
    """The words of a published report: every string in its stored document."""

    template = f"jsonb_to_tsvector('{CONFIG}'::regconfig, %(expressions)s, '\"string\"'::jsonb)"
    output_field = SearchVectorField()


@dataclass
class Result:
    title: str
    url: str
    snippet: str  # safe HTML: the text escaped, the matched words in <mark>
    context: str = ""


@dataclass(frozen=True)
class Kind:
    label: str
    needs: str
    rows: Callable[[Reader], QuerySet]  # (user) -> queryset of what the user may open
    vector: Any  # the searched text (a SearchVector, or several added)
    body: str | None  # the field a snippet is taken from
    result: Callable[[Any, str], "Result"]  # (row, snippet) -> Result


def vector(*weighted: tuple[str, str]) -> Any:
    """SearchVector of (field, weight) pairs, in English."""
    vectors = [SearchVector(name, weight=weight, config=CONFIG) for name, weight in weighted]
    return functools.reduce(operator.add, vectors)


def marked(headline: str | None) -> str:
    text = escape(headline or "")
    return mark_safe(text.replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308


def briefing_questions(user: Reader) -> QuerySet[BriefingQuestion]:
    return BriefingQuestion.objects.visible_to(user).select_related("briefing__meeting", "theme")


KINDS = [
    Kind("Measures", Perm.READ_SCORECARD,
         lambda user: Measure.objects.select_related("topic"),
         vector(("code", "A"), ("name", "A"), ("definition", "B"), ("topic__name", "C")),
         "definition",
         lambda m, s: Result(f"{m.code}: {m.name}", m.get_absolute_url(), s, m.topic.name)),
    Kind("Objectives", Perm.READ_PLAN,
         lambda user: Objective.objects.select_related("priority__plan"),
         vector(("code", "A"), ("title", "A"), ("description", "B")),
         "description",
         lambda o, s: Result(str(o), o.get_absolute_url(), s, o.priority.plan.title)),
    Kind("Deliverables", Perm.READ_PLAN,
         lambda user: Deliverable.objects.select_related("objective"),
         vector(("action", "A"), ("owner", "B"), ("last_update", "B")),
         "action",
         lambda d, s: Result(d.action[:120], d.objective.get_absolute_url(), s,
                             f"Objective {d.objective}")),
    Kind("PEEL findings", Perm.READ_PEEL,
         lambda user: Finding.objects.select_related("inspection"),
         vector(("reference", "A"), ("text", "A"), ("owner", "B")),
         "text",
         lambda f, s: Result(f"{f.reference}: {Truncator(f.text).words(14)}",
                             f.get_absolute_url(), s,
                             f"{f.get_kind_display()} · {f.inspection.title}")),
    Kind("ELG meetings", Perm.READ_ELG,
         lambda user: Meeting.objects.all(),
         vector(("topic", "A"), ("place", "C")),
         "topic",
         lambda m, s: Result(str(m), m.get_absolute_url(), s, m.get_kind_display())),
    Kind("ELG meeting notes", Perm.READ_ELG,
         lambda user: OutcomeNote.objects.select_related("meeting"),
         vector(("text", "A")),
         "text",
         lambda n, s: Result(str(n.meeting), f"{n.meeting.get_absolute_url()}#note-{n.pk}", s,
                             f"Note of {timezone.localtime(n.recorded_at):%-d %B %Y}")),
    Kind("Panel meetings", Perm.READ_PUBLISHED_REPORTS,
         lambda user: PanelMeeting.objects.all(),
         vector(("place", "B"), ("items__title", "A")),
         None,
         lambda m, s: Result(f"Police and Crime Panel, {m.date:%-d %B %Y}",
                             reverse("panel_reports:meetings"), s, m.place)),
    Kind("KLOE questions in briefings", Perm.READ_ELG, briefing_questions,
         vector(("text", "A"), ("theme__name", "B")),
         "text",
         lambda q, s: Result(q.text[:120], q.briefing.get_absolute_url(), s,
                             f"Briefing for ELG {q.briefing.meeting.date:%-d %B %Y}")),
    Kind("KLOE question bank", Perm.MANAGE_MEETINGS,
         lambda user: Question.objects.select_related("theme"),
         vector(("text", "A"), ("theme__name", "B")),
         "text",
         lambda q, s: Result(q.text[:120], reverse("elg:question_bank"), s, q.theme.name)),
    Kind("Published reports", Perm.READ_PUBLISHED_REPORTS,
         lambda user: Report.objects.published(),
         ReportText(F("snapshot")),
         None,
         lambda r, s: Result(r.title, r.get_absolute_url(), s,
                             f"Published {r.published_at:%-d %B %Y}")),
]


@dataclass
class Group:
    label: str
    results: list[Result]
    more: bool  # there were more than LIMIT


def search(user: Reader, text: str) -> list[Group]:
    """Results grouped by kind, only kinds the user may open and only rows they
    may open; kinds with no result are left out."""
    query = SearchQuery(text, config=CONFIG, search_type="websearch")
    groups = []
    for kind in KINDS:
        if not user.has_perm(kind.needs):
            continue
        found = find(kind, user, query)
        if found:
            groups.append(Group(kind.label, found[:LIMIT], len(found) > LIMIT))
    return groups


def find(kind: Kind, user: Reader, query: SearchQuery) -> list[Result]:
    rows = kind.rows(user).annotate(document=kind.vector).filter(document=query)
    rows = rows.annotate(rank=SearchRank(F("document"), query))
    if kind.body:
        rows = rows.annotate(headline=SearchHeadline(
            kind.body, query, config=CONFIG, start_sel=START, stop_sel=STOP,
            max_words=30, min_words=10))
    # A row matched through several related rows (agenda items) appears once.
    seen, results = set(), []
    for row in rows.order_by("-rank", "pk")[:LIMIT * 3]:
        if row.pk in seen:
            continue
        seen.add(row.pk)
        results.append(kind.result(row, marked(getattr(row, "headline", ""))))
        if len(results) > LIMIT:
            break
    return results

