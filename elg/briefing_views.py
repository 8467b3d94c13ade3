"""KLOE briefings: reading and printing one, its PDF, writing it, its
questions, and the question bank.

Force officers read briefings once issued; a draft is the OPCC's own, and
"not found" to anyone who cannot manage meetings.
"""

from collections.abc import Iterable
from datetime import date

from django.contrib import messages
from django.db import transaction
from django.db.models import Max, Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from elg.evidence import assemble
from elg.forms import BankChoiceForm, BriefingForm, NewQuestionForm, StartFromForm
from elg.models import Briefing, BriefingQuestion, Meeting, Question, Theme
from elg.tables import ActionTable
from elg.views import MANAGE, READ, crumbs
from oversight.core.known import parse_day
from oversight.core.pdf import PrintedDocument
from oversight.plan.models import Objective
from oversight.plan.tables import DeliverableTable
from scorecard.tables import KpiTable

PRINT_STYLES = ("css/app.css", "css/print.css", "css/print-briefing.css")
COPIED_FIELDS = ["topic", "purpose", "force_asked", "executive_summary", "expectations", "focus"]


def readable_briefing(request: HttpRequest, meeting_pk: int) -> Briefing:
    """The meeting's briefing if the reader may open it; else "not found"."""
    return get_object_or_404(
        Briefing.objects.visible_to(request.user).select_related("meeting").prefetch_related(
            Prefetch("meeting__objectives", Objective.objects.select_related("priority"))),
        meeting_id=meeting_pk)


def page_heading(briefing: Briefing) -> str:
    return f"ELG {briefing.meeting.date:%-d %B %Y} · KLOE briefing: {briefing.topic}"


def briefing_context(briefing: Briefing, as_it_stands: bool = False,
                     known_on: date | None = None) -> dict:
    """What the page and the printed briefing show: as known on the meeting day
    once it is over (the printed briefing always), on another past day
    `known_on`, or `as_it_stands` today."""
    evidence = assemble(briefing.meeting, as_it_stands, known_on)
    tables = [(t.topic, KpiTable(t.rows, evidence.month, caption=t.topic.name))
              for t in evidence.tables]
    questions = list(briefing.questions.select_related("theme"))
    return {"briefing": briefing, "meeting": briefing.meeting, "evidence": evidence,
            "kpi_tables": tables, "themes": grouped(questions), "today": timezone.localdate(),
            "arising": ActionTable(evidence.actions, evidence.as_of,
                                   caption="Actions arising from earlier meetings"),
            "deliverables": DeliverableTable(evidence.deliverables, orderable=False,
                                             caption="Deliverables behind or overdue")}


def grouped(questions: Iterable[BriefingQuestion]) -> list[tuple]:
    """(theme, [(number, question)]) in theme order, numbered through the briefing."""
    themes: dict = {}
    for number, question in enumerate(questions, start=1):
        themes.setdefault(question.theme, []).append((number, question))
    return list(themes.items())


@READ
def briefing(request: HttpRequest, pk: int) -> HttpResponse:
    briefing = readable_briefing(request, pk)
    as_it_stands = request.GET.get("figures") == "now"
    context = briefing_context(briefing, as_it_stands, parse_day(request.GET.get("known"))) | {
        "breadcrumbs": crumbs(
        (f"{briefing.meeting.date:%-d %B %Y}", briefing.meeting.get_absolute_url()))}
    return render(request, "elg/briefing.html", context)


BRIEFING_DOCUMENT = PrintedDocument(
    template="elg/briefing_document.html", styles=PRINT_STYLES, fetch=readable_briefing,
    heading=page_heading, context=briefing_context,
    filename=lambda briefing: f"kloe-briefing-{briefing.meeting.date:%Y-%m-%d}.pdf",
    back=lambda briefing: briefing.get_absolute_url())
briefing_page_css = READ(BRIEFING_DOCUMENT.page_css)
briefing_pdf = READ(BRIEFING_DOCUMENT.pdf)


@MANAGE
def briefing_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting.objects.prefetch_related("objectives"), pk=pk)
    if not meeting.is_scrutiny:
        raise Http404("Only Plan scrutiny meetings have a KLOE briefing")
    existing = getattr(meeting, "briefing", None)
    form = BriefingForm(request.POST or None, instance=existing)
    start = StartFromForm(request.GET or None, meeting=meeting) if existing is None else None
    if request.method == "GET" and start is not None and start.is_valid():
        previous = start.cleaned_data["previous"]
        if previous:
            form = BriefingForm(initial={f: getattr(previous, f) for f in COPIED_FIELDS})
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.instance.meeting = meeting
            saved = form.save()
            copy_questions(saved, request.POST.get("previous"), existing)
        messages.success(request, "Saved the briefing.")
        return redirect("elg:briefing_questions", pk=meeting.pk)
    context = {"meeting": meeting, "form": form, "start": start,
               "previous": request.GET.get("previous", ""),
               "breadcrumbs": crumbs((f"{meeting.date:%-d %B %Y}", meeting.get_absolute_url()))}
    return render(request, "elg/briefing_form.html", context)


def copy_questions(briefing: Briefing, previous_pk: str | None, existing: Briefing | None) -> None:
    """A new briefing started from an earlier one takes its questions too."""
    if existing is not None or not previous_pk or not previous_pk.isdigit():
        return
    previous = Briefing.objects.filter(pk=previous_pk).first()
    if previous:
        BriefingQuestion.objects.bulk_create(
            BriefingQuestion(briefing=briefing, theme_id=q.theme_id, text=q.text, order=q.order,
                             source_id=q.source_id) for q in previous.questions.all())


def bank_for(meeting: Meeting) -> QuerySet[Question]:
    """Bank questions for the meeting's objectives, and those for no objective."""
    return Question.objects.filter(
        Q(objectives__in=meeting.objectives.all()) | Q(objectives__isnull=True)
    ).select_related("theme").distinct()


@MANAGE
def briefing_questions(request: HttpRequest, pk: int) -> HttpResponse:
    briefing = get_object_or_404(Briefing.objects.select_related("meeting"), meeting_id=pk)
    meeting = briefing.meeting
    asked = briefing.questions.values_list("source_id", flat=True)
    choices = bank_for(meeting).exclude(pk__in=[q for q in asked if q])
    action = request.POST.get("action") if request.method == "POST" else None
    bank = BankChoiceForm(request.POST if action == "bank" else None, choices=choices)
    new = NewQuestionForm(request.POST if action == "new" else None, prefix="new")
    if action == "bank" and bank.is_valid():
        add_questions(briefing, [(q.theme_id, q.text, q) for q in bank.cleaned_data["questions"]])
        messages.success(request, "Added the questions from the bank.")
        return redirect("elg:briefing_questions", pk=pk)
    if action == "new" and new.is_valid():
        add_new_question(briefing, new.cleaned_data)
        messages.success(request, "Added the question, and saved it in the question bank.")
        return redirect("elg:briefing_questions", pk=pk)
    if action == "remove":
        question = request.POST.get("question", "")
        # An id as the page sent it: digits only, within a bigint.
        removed = (question.isascii() and question.isdigit() and len(question) < 19
                   and briefing.questions.filter(pk=int(question)).delete()[0])
        if removed:
            messages.success(request, "Removed the question from the briefing.")
        else:
            messages.warning(request, "That question is not in this briefing: nothing was "
                             "removed.")
        return redirect("elg:briefing_questions", pk=pk)
    context = {"briefing": briefing, "meeting": meeting, "bank": bank, "new": new,
               "themes": grouped(list(briefing.questions.select_related("theme"))),
               "bank_themes": grouped_bank(bank),
               "breadcrumbs": crumbs((f"{meeting.date:%-d %B %Y}", meeting.get_absolute_url()),
                                     ("Briefing", briefing.get_absolute_url()))}
    return render(request, "elg/briefing_questions.html", context)


def grouped_bank(form: BankChoiceForm) -> list[tuple]:
    """The bank's checkboxes grouped by theme: (theme name, [checkbox])."""
    themes = {q.pk: q.theme.name for q in form.bank}
    groups: dict = {}
    for box in form["questions"]:
        groups.setdefault(themes[box.data["value"].value], []).append(box)
    return list(groups.items())


@transaction.atomic
def add_questions(briefing: Briefing,
                  questions: Iterable[tuple[int, str, Question | None]]) -> None:
    """Append (theme id, text, bank question) rows after the briefing's last question."""
    last = briefing.questions.aggregate(last=Max("order"))["last"] or 0
    BriefingQuestion.objects.bulk_create(
        BriefingQuestion(briefing=briefing, theme_id=theme, text=text, source=source,
                         order=last + n)
        for n, (theme, text, source) in enumerate(questions, start=1))


@transaction.atomic
def add_new_question(briefing: Briefing, data: dict) -> None:
    question = Question.objects.create(theme=data["theme"], text=data["text"])
    question.objectives.set(briefing.meeting.objectives.all())
    add_questions(briefing, [(question.theme_id, question.text, question)])


@MANAGE
def question_bank(request: HttpRequest) -> HttpResponse:
    themes = Theme.objects.prefetch_related("questions__objectives")
    return render(request, "elg/question_bank.html",
                  {"themes": themes, "breadcrumbs": crumbs()})
