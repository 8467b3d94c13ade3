"""Every URL in the URLconf with the data its pages need: `url_data` (a fixture
every test module may use: the conftest registers this module) and `url_cases`,
which gives each pattern's address; `outcome` names what a response did."""

import datetime
import re

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from elg.models import Question
from oversight.core.history import event_model
from oversight.core.roles import Role
from oversight.peel.models import MonitoringStage
from oversight.plan.models import Objective
from panel_reports import workflow
from panel_reports.models import Acronym, PanelMeeting, Report
from scorecard.models import (
    Annotation,
    ComparatorValue,
    MethodSettings,
    MonthlyValue,
    Threshold,
    ValueUpload,
)
from tests import access
from tests.factories import (
    PASSWORD,
    ActionFactory,
    BriefingFactory,
    CoreActivityFactory,
    MeasureFactory,
    RecommendationFactory,
    ThemeFactory,
    UserFactory,
)
from tests.publications import published_decision, published_records


def walk(resolver=None, prefix="", namespace=None):
    """(qualified name, route, pattern) for every pattern below the resolver."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or None
            ns = ":".join(filter(None, [namespace, inner])) or None
            yield from walk(pattern, route, ns)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield name, route, pattern


def admin_models():
    """'admin:<app>_<model>_' prefix -> model, for every model in the admin."""
    return {
        f"admin:{m._meta.app_label}_{m._meta.model_name}_": m for m in admin.site._registry
    }


ELG_MEETING_PAGES = ["meeting", "published_notes", "meeting_edit", "outcome", "briefing",
                     "briefing_pdf", "briefing_page_css", "briefing_edit", "briefing_questions"]

FINDING_PAGES = ["finding", "finding_edit", "add_update"]
INSPECTION_PAGES = ["inspection", "progress_report"]
PUBLIC_REPORT_PAGES = ["report", "report_whole", "report_pdf", "report_page_css"]
REPORT_PAGES = ["contents", "whole", "pdf", "page_css", "revisions", "edit", "submit",
                "send_back", "publish", "correct"]


def url_cases(data):
    """Every (url name, url, admin app) to request, parameters filled from data."""
    models = admin_models()
    for name, route, pattern in walk():
        if name is None:
            allowed = any(re.match(rule, route) for rule in access.UNNAMED_ALLOWED)
            assert allowed, f"URL pattern {route!r} has no name"
            continue
        if name == "admin:app_list":
            for app_label in sorted({m._meta.app_label for m in models.values()}):
                yield name, reverse(name, kwargs={"app_label": app_label}), app_label
            continue
        model = next((m for prefix, m in models.items() if name.startswith(prefix)), None)
        kwargs = parameters(name, pattern, model, data)
        yield name, reverse(name, kwargs=kwargs), model._meta.label_lower if model else None


def parameters(name, pattern, model, data):
    wanted = set(pattern.pattern.regex.groupindex)
    known = {
        "plan:detail": {"pk": data["plan"].pk},
        "plan:objective": {"pk": data["objective"].pk},
        "scorecard:measure": {"code": data["measure"].code},
        "scorecard:topic": {"code": data["measure"].topic.code},
        "scorecard:topic_download": {"code": data["measure"].topic.code, "kind": "csv"},
        "scorecard:return_form": {"topic": data["measure"].topic_id, "month": "2023-10"},
        "scorecard:upload_preview": {"pk": data["upload"].pk},
        "scorecard:upload_progress": {"pk": data["upload"].pk},
        **{f"elg:{page}": {"pk": data["meeting"].pk} for page in ELG_MEETING_PAGES},
        **{f"peel:{page}": {"pk": data["finding"].pk} for page in FINDING_PAGES},
        **{f"peel:{page}": {"pk": data["finding"].inspection_id} for page in INSPECTION_PAGES},
        "delivery:plan": {"pk": data["activity"].objective.plan_id},
        **{f"panel_reports:{page}": {"pk": data["report"].pk} for page in REPORT_PAGES},
        "panel_reports:part": {"pk": data["report"].pk, "slug": "priority-1"},
        **{f"public:{page}": {"pk": data["report"].pk} for page in PUBLIC_REPORT_PAGES},
        "public:report_part": {"pk": data["report"].pk, "slug": "priority-1"},
        **{f"public:{name}": {"key": record.public_key()}
           for name, record in data["published"].items()},
        **{f"peel:{page}": {"pk": data["finding"].inspection_id}
           for page in ["response", "response_start", "response_edit", "response_copies"]},
        **{f"publishing_{step}": {"kind": "decisions", "pk": data["decision"].pk}
           for step in ["submit", "publish", "send_back"]},
        "public:open_data_csv": {"name": "decisions"},
        "public:open_data_metadata": {"name": "decisions"},
        "panel_reports:section_edit": {"pk": data["report"].pk, "number": 1},
        "panel_reports:topic_edit": {"pk": data["report"].pk, "code": data["measure"].topic.code},
        "delivery:activity": {"pk": data["activity"].pk},
        "record_history": {"label": event_model(Objective)._meta.label,
                           "pk": data["objective"].pk},
        "elg:subscribed_calendar": {"token": "not-a-calendar-address"},
        "delivery:activity_update": {"pk": data["activity"].pk},
        "admin:view_on_site": {
            "content_type_id": ContentType.objects.get_for_model(Objective).pk,
            "object_id": data["objective"].pk,
        },
    }
    if name in known:
        return known[name]
    if model is not None and wanted:
        instance = model._default_manager.order_by("pk").first()
        assert instance is not None, f"no {model.__name__} to fill {name}'s parameters"
        return {key: instance.pk for key in wanted}
    assert not wanted, f"add parameters for {name} ({sorted(wanted)}) to test_access.py"
    return {}


def published_report(user):
    report = workflow.create_draft(Report(
        period_start=datetime.date(2023, 9, 1), period_end=datetime.date(2023, 12, 1),
        reference_month=datetime.date(2023, 10, 1)), user)
    workflow.submit(report, UserFactory(role=Role.OPCC_STAFF))
    return workflow.publish(report, user)


def outcome(response):
    if response.status_code in (301, 302):
        # The admin's sign-in address only forwards to the portal's (tested as admin:login).
        sign_in = (reverse("login"), reverse("admin:login"))
        return access.LOGIN if response["Location"].startswith(sign_in) else access.REDIRECT
    return response.status_code


@pytest.fixture
def url_data(current_plan, monkeypatch):
    # Who may download a briefing is the question here, not Chromium's printing.
    monkeypatch.setattr("oversight.core.pdf.html_to_pdf", lambda html: b"%PDF-1.7")
    # A failed and a successful sign-in give the lockout admin pages a row each.
    UserFactory(username="someone")
    UserFactory(username="forgetful")
    Client().post(reverse("login"), {"username": "forgetful", "password": "wrong"})
    Client().post(reverse("login"), {"username": "someone", "password": PASSWORD})
    measure = MeasureFactory()
    MonthlyValue.objects.create(
        measure=measure, area=measure.areas.get(), month=datetime.date(2023, 10, 1), value=5
    )
    upload = ValueUpload.objects.create(
        uploaded_by=UserFactory(), filename="values.csv", content=b"", rows=0, new=0,
        changed=0, unchanged=0, fingerprint="",
    )
    Annotation.objects.create(month=datetime.date(2023, 4, 1), kind="definition_change", text="x")
    ComparatorValue.objects.create(
        measure=measure, comparator="national", period_start=datetime.date(2023, 4, 1),
        period_end=datetime.date(2023, 6, 1), value=1,
    )
    Threshold.objects.create(measure=measure, label="SLA", value=900, direction="at_most")
    MethodSettings.objects.create()
    objective = Objective.objects.get()
    briefing = BriefingFactory(meeting__objectives=[objective])
    theme = ThemeFactory()
    briefing.questions.create(theme=theme, text="How is performance overseen?")
    Question.objects.create(theme=theme, text="How is performance overseen?")
    ActionFactory(meeting=briefing.meeting)
    briefing.meeting.assurances.create(objective=objective, rating="partly")
    finding = RecommendationFactory(measures=[measure], objectives=[objective])
    finding.updates.create(date=datetime.date(2023, 12, 14), rag="amber", narrative="Better.")
    activity = CoreActivityFactory()
    activity.updates.create(date=datetime.date(2021, 1, 5), status="on_track", narrative="Going.")
    MonitoringStage.objects.create(stage="engage", started_on=datetime.date(2022, 9, 1))
    report = published_report(UserFactory(role=Role.OPCC_LEAD))
    meeting = PanelMeeting.objects.create(date=datetime.date(2024, 1, 18), place="Kennet Room")
    meeting.items.create(title="PCC Budget", report=report)
    Acronym.objects.create(acronym="DA", meaning="Domestic Abuse")
    decision = published_decision(UserFactory(role=Role.OPCC_STAFF), UserFactory(
        role=Role.OPCC_LEAD), "2026/001", "Decided")
    return {"report": report, "decision": decision, "plan": current_plan,
            "published": {"decision": decision, **published_records(finding, briefing.meeting)},
            "objective": objective, "measure": measure, "upload": upload,
            "meeting": briefing.meeting, "finding": finding, "activity": activity}
