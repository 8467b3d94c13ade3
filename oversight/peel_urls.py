from django.urls import path

from oversight import peel_views

app_name = "peel"
urlpatterns = [
    path("", peel_views.register, name="register"),
    path("findings/add/", peel_views.finding_edit, name="finding_add"),
    path("findings/<int:pk>/", peel_views.finding_detail, name="finding"),
    path("findings/<int:pk>/edit/", peel_views.finding_edit, name="finding_edit"),
    path("findings/<int:pk>/update/", peel_views.add_update, name="add_update"),
    path("inspections/<int:pk>/", peel_views.inspection_detail, name="inspection"),
    path("inspections/<int:pk>/progress/", peel_views.progress_report, name="progress_report"),
]
