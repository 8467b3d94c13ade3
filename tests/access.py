"""The access table: what every URL gives every role and anonymous users.

Each entry maps a URL name (or, for the admin's per-model pages, a rule
keyed by app) to the outcome for each role. test_access.py walks the whole
URLconf against it; a URL missing here fails that test.
"""

from oversight.core.roles import Role

ANONYMOUS = None
LOGIN = "redirect to login"
REDIRECT = "redirect"
OK, FORBIDDEN, NOT_FOUND, NOT_ALLOWED = 200, 403, 404, 405

STAFF, LEAD, PANEL, OFFICER, ADMIN = (
    Role.OPCC_STAFF,
    Role.OPCC_LEAD,
    Role.PANEL_MEMBER,
    Role.FORCE_OFFICER,
    Role.ADMINISTRATOR,
)
ROLES = [ANONYMOUS, STAFF, LEAD, PANEL, OFFICER, ADMIN]


def outcomes(anonymous=LOGIN, *, staff, lead, panel, officer, admin):
    return {ANONYMOUS: anonymous, STAFF: staff, LEAD: lead, PANEL: panel,
            OFFICER: officer, ADMIN: admin}


def everyone(outcome, anonymous=LOGIN):
    return outcomes(anonymous, staff=outcome, lead=outcome, panel=outcome, officer=outcome,
                    admin=outcome)


PLAN_READERS = outcomes(staff=OK, lead=OK, panel=FORBIDDEN, officer=OK, admin=OK)
SCORECARD_READERS = outcomes(staff=OK, lead=OK, panel=FORBIDDEN, officer=OK, admin=FORBIDDEN)
DATA_ENTRY = outcomes(staff=OK, lead=OK, panel=FORBIDDEN, officer=FORBIDDEN, admin=FORBIDDEN)
ELG_READERS = outcomes(staff=OK, lead=OK, panel=FORBIDDEN, officer=OK, admin=FORBIDDEN)
ELG_MANAGERS = DATA_ENTRY
AUDIT_READERS = outcomes(staff=FORBIDDEN, lead=OK, panel=FORBIDDEN, officer=FORBIDDEN, admin=OK)
PEEL_READERS = outcomes(staff=OK, lead=OK, panel=FORBIDDEN, officer=OK, admin=FORBIDDEN)
PROGRESS_RECORDERS = DATA_ENTRY
REPORT_READERS = outcomes(staff=OK, lead=OK, panel=OK, officer=FORBIDDEN, admin=FORBIDDEN)
DRAFT_WRITERS = DATA_ENTRY
APPROVERS = outcomes(staff=FORBIDDEN, lead=OK, panel=FORBIDDEN, officer=FORBIDDEN,
                     admin=FORBIDDEN)
ADMIN_PAGES = outcomes(staff=OK, lead=OK, panel=FORBIDDEN, officer=FORBIDDEN, admin=OK)
USER_ADMIN_PAGES = outcomes(
    staff=FORBIDDEN, lead=FORBIDDEN, panel=FORBIDDEN, officer=FORBIDDEN, admin=OK
)
ADMIN_REDIRECTS = outcomes(
    staff=REDIRECT, lead=REDIRECT, panel=FORBIDDEN, officer=FORBIDDEN, admin=REDIRECT
)

PUBLIC = everyone(OK, anonymous=OK)

ACCESS = {
    "home": everyone(OK, anonymous=OK),  # the public site's home, to a visitor
    "search": everyone(OK),
    "audit_log": AUDIT_READERS,
    "audit_log_csv": AUDIT_READERS,
    "record_history": PLAN_READERS,  # walked for an objective
    "dashboard": SCORECARD_READERS,
    "accessibility": everyone(OK, anonymous=OK),
    **{f"public:{page}": PUBLIC for page in [
        "home", "reports", "report", "report_whole", "report_pdf", "report_page_css",
        "report_part", "decisions", "decision", "inspections", "inspection",
        "national_priorities", "national_priorities_statement", "complaints",
        "complaints_return", "meeting_notes", "meeting_note", "annual_reports", "annual_report",
        "duties", "performance", "open_data", "open_data_csv", "open_data_metadata"]},
    "healthz": everyone(OK, anonymous=OK),
    "login": everyone(REDIRECT, anonymous=OK),
    "account": everyone(OK),
    "password_change": everyone(OK),
    # Signed in with the code their role needs (or none needed): on to the page.
    "two_factor_verify": everyone(REDIRECT),
    "two_factor_enrol": everyone(OK),
    "recovery_codes": everyone(NOT_ALLOWED),  # a POST
    "sign_out_elsewhere": everyone(NOT_ALLOWED),  # a POST
    "logout": everyone(NOT_ALLOWED),  # signing out is a POST
    "plan:current": PLAN_READERS,
    "plan:detail": PLAN_READERS,
    "plan:objective": PLAN_READERS,
    "plan:deliverables": PLAN_READERS,
    "delivery:latest": PLAN_READERS,
    "delivery:plan": PLAN_READERS,
    "delivery:activity": PLAN_READERS,
    "delivery:activity_update": PROGRESS_RECORDERS,
    "peel:register": PEEL_READERS,
    "peel:finding": PEEL_READERS,
    "peel:inspection": PEEL_READERS,
    "peel:progress_report": PEEL_READERS,
    "peel:finding_add": PROGRESS_RECORDERS,
    "peel:finding_edit": PROGRESS_RECORDERS,
    "peel:add_update": PROGRESS_RECORDERS,
    "scorecard:index": SCORECARD_READERS,
    "scorecard:topic": SCORECARD_READERS,
    "scorecard:topic_download": SCORECARD_READERS,
    "scorecard:attention": SCORECARD_READERS,
    "scorecard:freshness": SCORECARD_READERS,
    "scorecard:data_revisions": SCORECARD_READERS,
    "scorecard:methodology": everyone(OK),
    "scorecard:measure_list": SCORECARD_READERS,
    "scorecard:measure": SCORECARD_READERS,
    "scorecard:return_choose": DATA_ENTRY,
    "scorecard:return_form": DATA_ENTRY,
    "scorecard:upload": DATA_ENTRY,
    # An upload is its uploader's to confirm: anyone else's is "not found".
    "scorecard:upload_preview": outcomes(
        staff=NOT_FOUND, lead=NOT_FOUND, panel=FORBIDDEN, officer=FORBIDDEN, admin=FORBIDDEN
    ),
    "scorecard:upload_progress": outcomes(
        staff=NOT_FOUND, lead=NOT_FOUND, panel=FORBIDDEN, officer=FORBIDDEN, admin=FORBIDDEN
    ),
    "elg:schedule": ELG_READERS,
    "elg:calendar": ELG_READERS,
    "elg:subscription": ELG_READERS,
    # A secret calendar address needs no session; an unknown one is "not found".
    "elg:subscribed_calendar": everyone(NOT_FOUND, anonymous=NOT_FOUND),
    "elg:meeting": ELG_READERS,
    "elg:briefing": ELG_READERS,  # force officers: issued briefings only (test_elg_pages)
    "elg:briefing_pdf": ELG_READERS,
    "elg:briefing_page_css": ELG_READERS,
    "elg:actions": ELG_READERS,
    "elg:build": ELG_MANAGERS,
    "elg:meeting_add": ELG_MANAGERS,
    "elg:meeting_edit": ELG_MANAGERS,
    "elg:outcome": ELG_MANAGERS,
    "elg:briefing_edit": ELG_MANAGERS,
    "elg:briefing_questions": ELG_MANAGERS,
    "elg:question_bank": ELG_MANAGERS,
    "panel_reports:list": REPORT_READERS,
    "panel_reports:acronyms": REPORT_READERS,
    "panel_reports:meetings": REPORT_READERS,
    # url_data's report is published; test_panel_reports covers drafts.
    "panel_reports:contents": REPORT_READERS,
    "panel_reports:whole": REPORT_READERS,
    "panel_reports:pdf": REPORT_READERS,
    "panel_reports:page_css": REPORT_READERS,
    "panel_reports:part": REPORT_READERS,
    "panel_reports:revisions": outcomes(staff=OK, lead=OK, panel=FORBIDDEN, officer=FORBIDDEN,
                                        admin=FORBIDDEN),
    "panel_reports:add": DRAFT_WRITERS,
    # A published report's edit pages send the writer back to it with the refusal.
    "panel_reports:edit": outcomes(staff=REDIRECT, lead=REDIRECT, panel=FORBIDDEN,
                                   officer=FORBIDDEN, admin=FORBIDDEN),
    "panel_reports:section_edit": outcomes(staff=REDIRECT, lead=REDIRECT, panel=FORBIDDEN,
                                           officer=FORBIDDEN, admin=FORBIDDEN),
    "panel_reports:topic_edit": outcomes(staff=REDIRECT, lead=REDIRECT, panel=FORBIDDEN,
                                         officer=FORBIDDEN, admin=FORBIDDEN),
    "panel_reports:correct": DRAFT_WRITERS,
    "panel_reports:send_back": APPROVERS,
    "publishing": DRAFT_WRITERS,
    "peel:response": DRAFT_WRITERS,
    "peel:response_edit": DRAFT_WRITERS,
    "peel:response_copies": DRAFT_WRITERS,
    "peel:response_start": everyone(NOT_ALLOWED),  # a POST
    "elg:published_notes": everyone(NOT_ALLOWED),  # a POST
    "publishing_send_back": APPROVERS,
    "publishing_submit": everyone(NOT_ALLOWED),  # a POST
    "publishing_publish": everyone(NOT_ALLOWED),  # a POST
    # Steps are POSTs.
    "panel_reports:submit": outcomes(staff=NOT_ALLOWED, lead=NOT_ALLOWED, panel=NOT_ALLOWED,
                                     officer=NOT_ALLOWED, admin=NOT_ALLOWED),
    "panel_reports:publish": outcomes(staff=NOT_ALLOWED, lead=NOT_ALLOWED, panel=NOT_ALLOWED,
                                      officer=NOT_ALLOWED, admin=NOT_ALLOWED),
    # The admin: the portal's sign-in page serves it too.
    "admin:login": everyone(LOGIN),
    "admin:logout": outcomes(
        staff=NOT_ALLOWED, lead=NOT_ALLOWED, panel=FORBIDDEN, officer=FORBIDDEN,
        admin=NOT_ALLOWED,
    ),
    "admin:index": ADMIN_PAGES,
    "admin:password_change": ADMIN_PAGES,
    "admin:password_change_done": ADMIN_PAGES,
    "admin:jsi18n": ADMIN_PAGES,
    "admin:autocomplete": outcomes(
        staff=FORBIDDEN, lead=FORBIDDEN, panel=FORBIDDEN, officer=FORBIDDEN, admin=FORBIDDEN
    ),
    "admin:view_on_site": ADMIN_REDIRECTS,
    # Sign-in records are written by axes only: nobody adds them, and only
    # lockouts (not the logs) can be deleted, to unlock an account.
    "admin:axes_accessattempt_add": everyone(FORBIDDEN),
    "admin:axes_accesslog_add": everyone(FORBIDDEN),
    "admin:axes_accesslog_delete": everyone(FORBIDDEN),
    "admin:axes_accessfailurelog_add": everyone(FORBIDDEN),
    "admin:axes_accessfailurelog_delete": everyone(FORBIDDEN),
    # The KPI method has one row of settings: never a second, never deleted.
    "admin:scorecard_methodsettings_add": everyone(FORBIDDEN),
    "admin:scorecard_methodsettings_delete": everyone(FORBIDDEN),
    # Role changes are recorded by triggers: read by user managers, never written.
    "admin:oversight_rolechange_changelist": USER_ADMIN_PAGES,
    "admin:oversight_rolechange_change": USER_ADMIN_PAGES,
    "admin:oversight_rolechange_history": USER_ADMIN_PAGES,
    "admin:oversight_rolechange_add": everyone(FORBIDDEN),
    "admin:oversight_rolechange_delete": everyone(FORBIDDEN),
    # Roles are declared in code (oversight/roles.py): read-only here.
    "admin:auth_group_add": everyone(FORBIDDEN),
    "admin:auth_group_delete": everyone(FORBIDDEN),
}

# The admin's pages for each model, by app: admin:<app>_<model>_<action>,
# and admin:app_list for the app's index.
# The administrator manages users and the Plan, not ELG business.
ELG_ADMIN_PAGES = DATA_ENTRY
# The administrator manages the Plan, not the force's data or PEEL progress:
# the admin refuses them what the portal refuses them.
DATA_ADMIN_PAGES = DATA_ENTRY
PEEL_ADMIN_MODELS = ["inspection", "gradedarea", "finding", "progressupdate",
                     "monitoringstage", "deliveryplan", "deliveryobjective", "coreactivity",
                     "activityupdate"]
ADMIN_MODELS = {f"oversight.{model}": DATA_ADMIN_PAGES for model in PEEL_ADMIN_MODELS} | {
    # Records the public site shows once approved: written by OPCC staff.
    f"oversight.{model}": ELG_ADMIN_PAGES for model in [
        "decision", "nationalprioritiesstatement", "complaintsinformation"]}
ADMIN_MODELS["elg.publishednotes"] = ELG_ADMIN_PAGES
ADMIN_MODELS["oversight.duty"] = ELG_ADMIN_PAGES
ADMIN_APPS = {
    "oversight": ADMIN_PAGES,
    "elg": ELG_ADMIN_PAGES,
    "panel_reports": ELG_ADMIN_PAGES,
    "scorecard": DATA_ADMIN_PAGES,
    "auth": USER_ADMIN_PAGES,
    "axes": USER_ADMIN_PAGES,
}
# An app's admin index is "not found" to someone with the admin but none of its models.
USER_ADMIN_APP_INDEX = outcomes(
    staff=NOT_FOUND, lead=NOT_FOUND, panel=FORBIDDEN, officer=FORBIDDEN, admin=OK
)
ADMIN_APP_INDEXES = {
    "oversight": ADMIN_PAGES,
    "elg": outcomes(staff=OK, lead=OK, panel=FORBIDDEN, officer=FORBIDDEN, admin=NOT_FOUND),
    "panel_reports": outcomes(staff=OK, lead=OK, panel=FORBIDDEN, officer=FORBIDDEN,
                              admin=NOT_FOUND),
    "scorecard": outcomes(staff=OK, lead=OK, panel=FORBIDDEN, officer=FORBIDDEN,
                          admin=NOT_FOUND),
    "auth": USER_ADMIN_APP_INDEX,
    "axes": USER_ADMIN_APP_INDEX,
}

# Patterns with no name, which cannot be reversed: only the admin's own
# redirects (old change-page addresses, and its catch-all for a missing
# slash), which lead to the admin pages above.
UNNAMED_ALLOWED = [r"^admin/\w+/\w+/<path:object_id>/$", r"^admin/\(\?P<url>\.\*\)\$$"]


def expected(url_name: str, admin_app: str | None = None) -> dict:
    """The declared outcomes; admin_app is the app (app_label.model_name for a
    model's page) an admin page belongs to."""
    if url_name in ACCESS:
        return ACCESS[url_name]
    if url_name == "admin:app_list":
        return ADMIN_APP_INDEXES[admin_app]
    if admin_app in ADMIN_MODELS:
        return ADMIN_MODELS[admin_app]
    admin_app = admin_app.split(".")[0] if admin_app else None
    if admin_app in ADMIN_APPS:
        return ADMIN_APPS[admin_app]
    raise KeyError(f"{url_name} is not in the access table (tests/access.py)")
