from django.contrib import admin
from django.urls import include, path

from oversight.core import account_views, system_views
from oversight.portal import (
    audit_views,
    dashboard_views,
    history_views,
    publishing_views,
    search_views,
)
from oversight.portal import views as portal_views

urlpatterns = [
    path("", portal_views.home, name="home"),
    path("dashboard/", dashboard_views.overall, name="dashboard"),
    path("search/", search_views.search_page, name="search"),
    path("audit/", audit_views.audit_log_page, name="audit_log"),
    path("audit/changes.csv", audit_views.audit_log_csv, name="audit_log_csv"),
    path("history/<str:label>/<int:pk>/", history_views.record_history, name="record_history"),
    path("publishing/", publishing_views.publishing_page, name="publishing"),
    path("publishing/<slug:kind>/<int:pk>/submit/", publishing_views.submit,
         name="publishing_submit"),
    path("publishing/<slug:kind>/<int:pk>/publish/", publishing_views.publish,
         name="publishing_publish"),
    path("publishing/<slug:kind>/<int:pk>/send-back/", publishing_views.send_back,
         name="publishing_send_back"),
    path("", include("oversight.plan.urls")),
    path("", include("oversight.delivery.urls")),
    path("peel/", include("oversight.peel.urls")),
    path("scorecard/", include("scorecard.urls")),
    path("elg/", include("elg.urls")),
    path("reports/", include("panel_reports.urls")),
    path("public/", include("oversight.public.urls")),
    path("accessibility/", system_views.accessibility, name="accessibility"),
    path("healthz", system_views.healthz, name="healthz"),
    path("accounts/login/", system_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", system_views.LogoutView.as_view(), name="logout"),
    path("accounts/", account_views.account, name="account"),
    path("accounts/password/", account_views.PasswordChangeView.as_view(),
         name="password_change"),
    path("accounts/two-factor/", account_views.verify, name="two_factor_verify"),
    path("accounts/two-factor/set-up/", account_views.enrol, name="two_factor_enrol"),
    path("accounts/two-factor/recovery-codes/", account_views.recovery_codes,
         name="recovery_codes"),
    path("accounts/sign-out-elsewhere/", account_views.sign_out_elsewhere,
         name="sign_out_elsewhere"),
    path("admin/", admin.site.urls),
]

handler500 = "oversight.core.system_views.server_error"
