"""Every kind of record a user can change is audited: a change made through
the admin, or through the portal page that changes it, leaves exactly one
history entry, with who made it, old → new and the reason the form gave."""

import datetime
import re

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from pghistory.models import Context

from elg.models import BriefingQuestion, OutcomeNote, Question
from oversight.core.history import event_models
from oversight.core.models import RoleChange
from oversight.core.roles import Role
from oversight.delivery.models import ActivityUpdate
from oversight.peel.models import ProgressUpdate
from panel_reports import workflow
from panel_reports.models import Report
from scorecard.models import Area, MonthlyValue
from tests.conftest import sign_in
from tests.factories import UserFactory
from tests.forms import form_data, post_form

pytestmark = pytest.mark.django_db
REASON = "Checked by the audit test"
# A field each kind's admin form is changed by, where the first text field
# will not do (none, or one a validator holds to a pattern).
CHANGED = {
    "elg.Meeting": ("topic", "A changed topic"),
    "scorecard.MonthlyValue": ("note", "Resubmitted"),
    "scorecard.MethodSettings": ("trend_threshold", "7.50"),
    "scorecard.Area": ("name", "Swindon and Wiltshire"),
}


# What the admin shows but no user changes: sign-in lockouts (axes' own
# records), the roles' history, and the roles, declared in code (read-only).
NOT_CHANGED_IN_ADMIN = {"axes.AccessAttempt", "axes.AccessLog", "axes.AccessFailureLog",
                        "oversight.RoleChange", "auth.Group"}


def admin_models():
    """Every model the admin changes: each must be audited (history_of fails if not)."""
    return sorted((m for m in admin.site._registry
                   if m._meta.label not in NOT_CHANGED_IN_ADMIN), key=lambda m: m._meta.label)


def history_of(model):
    """The model's history (a user's and a group's are kept by their audited proxies)."""
    events = next(e for e in event_models() if hasattr(e, "pgh_obj_id") and (
        e.pgh_tracked_model is model or e.pgh_tracked_model._meta.concrete_model is model))
    return events.objects


def all_entries() -> dict:
    """How many history entries each kind has."""
    return {model._meta.label: model.objects.count() for model in event_models()}


def made_since(before: dict) -> dict:
    """How many entries each kind has gained since `before` (kinds with none left out)."""
    return {label: count - before[label] for label, count in all_entries().items()
            if count != before[label]}


def one_each(*models) -> dict:
    return {history_of(model).model._meta.label: 1 for model in models}


def text_field(model, data):
    """The first plain text field of `model` its form shows."""
    for field in model._meta.concrete_fields:
        if (isinstance(field, (models.CharField, models.TextField)) and not field.choices
                and not any(isinstance(v, RegexValidator) for v in field.validators)
                and field.name in data and not field.unique):
            return field.name
    for field in model._meta.concrete_fields:
        if isinstance(field, (models.CharField, models.TextField)) and field.name in data \
                and not field.choices:
            return field.name
    raise AssertionError(f"name a field to change {model._meta.label} by in CHANGED")


def changed_value(model, name, old):
    field = model._meta.get_field(name)
    limit = getattr(field, "max_length", None) or 200
    return f"{old[:limit - 10]} (checked)".strip()


def saved(client, url, data) -> None:
    """Post the form; it must save (else the fields in error and their messages,
    the admin's and the portal's)."""
    page = post_form(client, url, data)
    text = page.content.decode()
    assert page.status_code == 302, (
        re.findall(r"errors field-([\w-]+)", text),
        re.findall(r'(?:errorlist[^>]*>(.*?)</ul>|error-message[^>]*>(.*?)</p>)', text, re.S))


def entry_made(model, pk, before):
    assert made_since(before) == one_each(model)
    entry = history_of(model).filter(pgh_obj_id=pk).latest("pgh_id")
    return entry, Context.objects.get(pk=entry.pgh_context_id).metadata


@pytest.mark.parametrize("model", admin_models(), ids=lambda m: m._meta.label)
def test_a_change_in_the_admin_keeps_one_entry_with_who_old_new_and_why(
        model, url_data, client):
    editor = UserFactory(is_superuser=True, is_staff=True, first_name="Ada")
    sign_in(client, editor)
    record = model._default_manager.order_by("pk").first()
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change",
                  args=[record.pk])
    data = form_data(client.get(url))
    name, new = CHANGED.get(model._meta.label) or (None, None)
    name = name or text_field(model, data)
    old = data.get(name, "")
    data[name] = new or changed_value(model, name, old)
    data["change_reason"] = REASON
    before = all_entries()
    saved(client, url, data)
    entry, context = entry_made(model, record.pk, before)
    assert entry.pgh_label == "update"
    assert context["user"] == editor.pk and context["reason"] == REASON
    assert context["via"] == "Administration"
    assert str(getattr(entry, model._meta.get_field(name).attname)) == data[name]
    previous = history_of(model).filter(pgh_obj_id=record.pk, pgh_id__lt=entry.pgh_id).latest(
        "pgh_id")
    assert str(getattr(previous, model._meta.get_field(name).attname) or "") == old


def draft_report(user):
    return workflow.create_draft(Report(
        period_start=datetime.date(2024, 1, 1), period_end=datetime.date(2024, 3, 1),
        reference_month=datetime.date(2023, 10, 1)), user)


class Keep(str):
    """A field posted as it stands, not as the form proposes: not a change."""


# Each kind a portal page changes: (its page, the record, the fields changed:
# the value posted, or (posted, as stored)).
def portal_cases(data, user):
    meeting, finding = data["meeting"], data["finding"]
    report = draft_report(user)
    section = report.sections.get(priority__number=1)
    page = report.topic_pages.first()
    action, assurance = meeting.actions.get(), meeting.assurances.get()
    return {
        "finding": (reverse("peel:finding_edit", args=[finding.pk]), finding,
                    {"text": "The force should answer 999 calls faster."}),
        "meeting": (reverse("elg:meeting_edit", args=[meeting.pk]), meeting,
                    {"place": "Kennet Room"}),
        # The outcome form proposes "held": kept as it is, so that one thing changes.
        "assurance": (reverse("elg:outcome", args=[meeting.pk]), assurance,
                      {f"rating_{assurance.objective_id}": "assured",
                       "status": Keep(meeting.status)}),
        "action": (reverse("elg:outcome", args=[meeting.pk]), action,
                   {"actions-0-description": "Share the recruitment plan",
                    "status": Keep(meeting.status)}),
        "briefing": (reverse("elg:briefing_edit", args=[meeting.pk]), meeting.briefing,
                     {"focus": "Call handling at peak times."}),
        "report": (reverse("panel_reports:edit", args=[report.pk]), report,
                   {"reference_month": ("2023-09", "2023-09-01")}),
        "report section": (reverse("panel_reports:section_edit", args=[report.pk, 1]), section,
                           {"focus": "Neighbourhood crime"}),
        "report topic page": (reverse("panel_reports:topic_edit",
                                      args=[report.pk, page.topic.code]), page,
                              {"so_what": "Calls are answered faster."}),
    }


FIELD = {"actions-0-description": "description"}


def field_of(name):
    return FIELD.get(name) or re.sub(r"^rating_\d+$", "rating", name)


@pytest.mark.parametrize("kind", [
    "finding", "meeting", "assurance", "action", "briefing", "report",
    "report section", "report topic page"])
def test_a_change_on_its_portal_page_keeps_one_entry_with_who_old_new_and_why(
        kind, url_data, client):
    editor = UserFactory(role=Role.OPCC_LEAD, first_name="Ada")
    sign_in(client, editor)
    url, record, changes = portal_cases(url_data, editor)[kind]
    model = type(record)
    data = form_data(client.get(url))
    kept = {name: str(value) for name, value in changes.items() if isinstance(value, Keep)}
    changes = {name: value for name, value in changes.items() if not isinstance(value, Keep)}
    old = {name: data.get(name, "") for name in changes}
    data.update({name: value[0] if isinstance(value, tuple) else value
                 for name, value in changes.items()}, **kept, change_reason=REASON)
    before = all_entries()
    saved(client, url, data)
    entry, context = entry_made(model, record.pk, before)
    assert entry.pgh_label == "update"
    assert context["user"] == editor.pk and context["reason"] == REASON
    assert context["via"] == "Portal page"
    previous = history_of(model).filter(pgh_obj_id=record.pk, pgh_id__lt=entry.pgh_id
                                        ).latest("pgh_id")
    for name, value in changes.items():
        stored = value[1] if isinstance(value, tuple) else value
        assert str(getattr(entry, field_of(name))) == stored
        assert str(getattr(previous, field_of(name))) != stored
        if not isinstance(value, tuple):
            assert str(getattr(previous, field_of(name))) == old[name]


def added_cases(data):
    """Kinds a page adds (what someone said, a question) or changes by a form of
    its own (a monthly return): (page, the form's field, its model, the fields)."""
    measure, finding, activity = data["measure"], data["finding"], data["activity"]
    theme = data["meeting"].briefing.questions.first().theme
    return {
        "monthly value": (reverse("scorecard:return_form", args=[measure.topic_id, "2023-10"]),
                          "reason", MonthlyValue, {"-value": "7", "reason": REASON}),
        "progress update": (reverse("peel:add_update", args=[finding.pk]), "narrative",
                            ProgressUpdate, {"narrative": "Calls answered faster.",
                                             "rag": "green", "status": finding.status}),
        "activity update": (reverse("delivery:activity_update", args=[activity.pk]),
                            "narrative", ActivityUpdate,
                            {"narrative": "Recruiting.", "status": activity.status}),
        "meeting note": (reverse("elg:outcome", args=[data["meeting"].pk]), "note", OutcomeNote,
                         {"note": "The force set out its plan.",
                          "status": data["meeting"].status}),
        "briefing question": (reverse("elg:briefing_questions", args=[data["meeting"].pk]),
                              "new-text", BriefingQuestion,
                              {"new-theme": str(theme.pk), "new-text": "Who answers?"}),
    }


@pytest.mark.parametrize("kind", ["monthly value", "progress update", "activity update",
                                  "meeting note", "briefing question"])
def test_what_a_page_adds_or_returns_keeps_one_entry_with_who_and_why(
        kind, url_data, client):
    editor = UserFactory(role=Role.OPCC_LEAD, first_name="Ada")
    sign_in(client, editor)
    url, holding, model, changes = added_cases(url_data)[kind]
    data = form_data(client.get(url), holding)
    for name, value in changes.items():  # "-value": the one field whose name ends so
        data[name if name in data else next(key for key in data if key.endswith(name))] = value
    before = all_entries()
    saved(client, url, data)
    # One entry for each record made: a new question goes into the bank too.
    made, wanted = made_since(before), one_each(model, *(Question,) * (model is BriefingQuestion))
    assert made == wanted
    entry = history_of(model).latest("pgh_id")
    context = Context.objects.get(pk=entry.pgh_context_id).metadata
    assert context["user"] == editor.pk and context["via"] == "Portal page"
    if "reason" in changes:  # a return changing a stored value says why
        assert entry.pgh_label == "update" and context["reason"] == REASON
        assert str(entry.value) == "7.0000" or float(entry.value) == 7
    else:
        assert entry.pgh_label == "insert"


def test_a_role_given_in_the_admin_keeps_one_entry_with_who_and_why(url_data, client):
    editor = UserFactory(is_superuser=True, is_staff=True)
    sign_in(client, editor)
    officer = UserFactory(role=Role.FORCE_OFFICER)
    url = reverse("admin:auth_user_change", args=[officer.pk])
    data = form_data(client.get(url))
    lead = Group.objects.get(name=Role.OPCC_LEAD)
    data.update(groups=[data["groups"], str(lead.pk)], change_reason="Acting lead in May")
    before = all_entries()
    saved(client, url, data)
    assert made_since(before) == {RoleChange._meta.label: 1}
    given = RoleChange.objects.latest("pgh_id")
    assert (given.pgh_label, given.user_id, given.group_id) == ("role.given", officer.pk, lead.pk)
    assert Context.objects.get(pk=given.pgh_context_id).metadata["reason"] == "Acting lead in May"


# Progress updates are what someone said: the admin adds them (a correction
# names the one it corrects) but shows those recorded read-only.
ADDED_NOT_CHANGED = {"oversight.ActivityUpdate", "oversight.ProgressUpdate"}


def admin_inlines():
    """(the admin's model, an inline's model) for every inline the admin changes."""
    return [(model, inline.model) for model in admin_models()
            for inline in admin.site._registry[model].inlines
            if inline.model._meta.label not in ADDED_NOT_CHANGED]


# An inline's field to change where its first text field will not do.
CHANGED_INLINE = {"scorecard.MeasureArea": "area"}


@pytest.mark.parametrize(("parent", "model"), admin_inlines(),
                         ids=lambda m: m._meta.label)
def test_a_change_to_an_inline_row_in_the_admin_keeps_one_entry_for_that_row(
        parent, model, url_data, client):
    editor = UserFactory(is_superuser=True, is_staff=True)
    sign_in(client, editor)
    if model._meta.label == "oversight.GradedArea":
        url_data["finding"].inspection.grades.create(name="Investigating crime", grade="good")
    link = next(f for f in model._meta.fields if f.is_relation and f.related_model is parent)
    row = model._default_manager.order_by("pk").first()
    assert row is not None, f"no {model._meta.label} row to change"
    url = reverse(f"admin:{parent._meta.app_label}_{parent._meta.model_name}_change",
                  args=[getattr(row, link.attname)])
    data = form_data(client.get(url))
    rows = link.remote_field.get_accessor_name()  # the inline's formset prefix
    prefix = next(key[:-len("-id")] for key, value in data.items()
                  if re.fullmatch(rf"{rows}-\d+-id", key) and value == str(row.pk))
    name = CHANGED_INLINE.get(model._meta.label) or text_field(model, {
        key[len(prefix) + 1:]: value for key, value in data.items() if key.startswith(prefix)})
    if name == "area":  # another area the measure is not yet reported for
        new = str(Area.objects.create(code="NORTH", name="North").pk)
    else:
        new = changed_value(model, name, data[f"{prefix}-{name}"])
    data[f"{prefix}-{name}"] = new
    data["change_reason"] = REASON
    before = all_entries()
    saved(client, url, data)
    entry, context = entry_made(model, row.pk, before)
    assert entry.pgh_label == "update" and context["reason"] == REASON
    assert context["user"] == editor.pk
    assert str(getattr(entry, model._meta.get_field(name).attname)) == new
