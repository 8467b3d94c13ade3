"""Every record a user can change is audited by Postgres triggers, and the
history cannot be altered: event tables and their contexts refuse UPDATE and
DELETE, even from SQL."""

from datetime import timedelta

import pghistory
import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.urls import reverse
from django.utils import timezone
from pghistory.models import Context, Event, Events

from elg.models import Action
from oversight.core.audit_context import ADMINISTRATION, PAGE
from oversight.core.history import event_models
from oversight.delivery.models import ActivityUpdate
from oversight.peel.models import ProgressUpdate
from oversight.plan.models import Deliverable
from tests.factories import ActionFactory, CoreActivityFactory, FindingFactory

pytestmark = pytest.mark.django_db

OURS = {"oversight", "scorecard", "elg", "panel_reports", "auth"}
# Not audited, and why.
EXEMPT = {
    "auth.Permission": "made by migrations, never by users",
    "oversight.Access": "holds the portal's permissions; it has no table",
    "oversight.PrintedPdf": "a cache of printed documents, made again at will",
    "oversight.PublicPage": "a cache of the public site's pages, made again at will",
    "oversight.PortalSession": "a signed-in session; sign-ins are in axes' log",
    "oversight.ReaderPage": "a cache of published pages as readers read them, made again at will",
    "scorecard.ValueUpload": "an upload's progress; the values it writes are audited",
    "scorecard.Figure": "computed from the audited values",
    "scorecard.FigureState": "computed from the audited values",
}


def tracked() -> set:
    return {m.pgh_tracked_model._meta.concrete_model for m in event_models()}


def test_every_model_users_can_change_is_audited_with_its_links():
    audited = tracked()
    for model in apps.get_models():
        if model._meta.app_label not in OURS or issubclass(model, Event) or model._meta.proxy:
            continue
        if model._meta.label in EXEMPT:
            continue
        assert model in audited, f"{model._meta.label} keeps no history"
        for field in model._meta.many_to_many:
            through = field.remote_field.through
            if through._meta.auto_created:
                assert through in audited, f"{model._meta.label}.{field.name} keeps no history"


def event_tables() -> list[str]:
    return [m._meta.db_table for m in event_models()]


def test_every_history_table_has_its_append_only_trigger():
    with connection.cursor() as cursor:
        cursor.execute("""SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                          WHERE t.tgname LIKE 'pgtrigger_append_only_%' AND t.tgenabled = 'O'""")
        protected = {row[0] for row in cursor.fetchall()}
    assert set(event_tables()) <= protected


def refused(sql: str, *params) -> bool:
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)
    except DatabaseError:
        return True
    return False


def test_a_history_row_cannot_be_updated_or_deleted_even_from_sql():
    action = ActionFactory(description="Report back")
    action.status = "complete"
    action.save()
    table = Action.pgh_event_model._meta.db_table
    assert Action.pgh_event_model.objects.count() == 2
    assert refused(f'UPDATE "{table}" SET status = %s', "open")  # noqa: S608
    assert refused(f'DELETE FROM "{table}"')  # noqa: S608
    assert Action.pgh_event_model.objects.filter(status="complete").count() == 1


def test_a_context_only_gains_details():
    with pghistory.context(user=None, reason="Corrected"):
        ActionFactory()
        pghistory.context(user=7)  # the user once signed in: a detail filled
        ActionFactory()
    context = Context.objects.get()
    assert context.metadata == {"user": 7, "reason": "Corrected"}
    table = Context._meta.db_table
    assert refused(f"""UPDATE "{table}" SET metadata = '{{"user": 8}}'""")  # noqa: S608
    assert refused(f'DELETE FROM "{table}"')  # noqa: S608
    assert not refused(  # another detail may be added
        f"""UPDATE "{table}" SET metadata = metadata || '{{"job": 1}}'""")  # noqa: S608


def test_an_admin_change_keeps_who_old_new_and_where(staff_client, current_plan):
    objective = current_plan.priorities.get().objectives.get()
    deliverable = Deliverable.objects.create(
        objective=objective, action="Open two front counters", start_date="2024-01-01",
        due_date="2024-06-30", progress=20)
    url = reverse("admin:oversight_deliverable_change", args=[deliverable.pk])
    response = staff_client.post(url, {
        "objective": objective.pk, "action": deliverable.action, "owner": "",
        "start_date": "2024-01-01", "due_date": "2024-06-30", "progress": "60",
        "last_update": "Both sites found", "last_updated_on": "2024-03-01"})
    assert response.status_code == 302
    change = Events.objects.tracks(deliverable).filter(pgh_label="update").get()
    assert change.pgh_diff["progress"] == [20, 60]
    context = change.pgh_context
    assert context["via"] == ADMINISTRATION
    assert context["user"] == response.wsgi_request.user.pk


def test_a_portal_page_change_keeps_who_and_where(staff_client, current_plan):
    meeting = ActionFactory().meeting
    response = staff_client.post(reverse("elg:meeting_edit", args=[meeting.pk]), {
        "date": f"{meeting.date:%-d %B %Y}", "kind": "review", "topic": "",
        "starts_at": "14:00", "place": "Devizes", "half_year": meeting.half_year,
        "status": "scheduled"})
    assert response.status_code == 302, response.context["form"].errors
    change = Events.objects.tracks(meeting).filter(pgh_label="update").get()
    assert change.pgh_diff["place"][1] == "Devizes"
    assert change.pgh_context["via"] == PAGE


def recorded_long_ago(update):
    """As if recorded two hours ago (allowed: the update is still new)."""
    type(update).objects.filter(pk=update.pk).update(
        recorded_at=timezone.now() - timedelta(minutes=settings.STATEMENT_GRACE_MINUTES + 60))
    update.refresh_from_db()


@pytest.mark.parametrize("model", [ProgressUpdate, ActivityUpdate], ids=lambda m: m.__name__)
def test_a_progress_update_stands_after_the_grace_period(model):
    subject = {"finding": FindingFactory()} if model is ProgressUpdate else {
        "activity": CoreActivityFactory()}
    extra = {"rag": "amber"} if model is ProgressUpdate else {"status": "on_track"}
    update = model.objects.create(date="2026-11-02", narrative="On track", **subject, **extra)
    update.narrative = "Typo fixed"
    update.save()  # within the grace period: still the author's to mend
    recorded_long_ago(update)
    update.save()  # saving it unchanged is no change
    table = model._meta.db_table
    assert refused(f'UPDATE "{table}" SET narrative = %s WHERE id = %s',  # noqa: S608
                   "Rewritten", update.pk)
    assert refused(f'DELETE FROM "{table}" WHERE id = %s', update.pk)  # noqa: S608
    correction = model.objects.create(date="2026-11-03", narrative="Behind, in fact",
                                      corrects=update, **subject, **extra)
    assert list(update.corrections.all()) == [correction]
    update.refresh_from_db()
    assert update.narrative == "Typo fixed"


def test_a_reports_workflow_events_are_never_rewritten():
    import datetime

    from panel_reports.models import Report, ReportEvent
    from tests.factories import UserFactory

    month = datetime.date(2026, 10, 1)
    report = Report.objects.create(period_start=month, period_end=month, reference_month=month)
    event = ReportEvent.objects.create(report=report, action="submitted", by=UserFactory())
    table = ReportEvent._meta.db_table
    assert refused(f'UPDATE "{table}" SET comment = %s WHERE id = %s',  # noqa: S608
                   "Never said", event.pk)
    assert refused(f'DELETE FROM "{table}" WHERE id = %s', event.pk)  # noqa: S608
