from django.urls import path

from oversight.peel import response_views, views

app_name = "peel"
urlpatterns = [
    path("", views.register, name="register"),
    path("findings/add/", views.finding_edit, name="finding_add"),
    path("findings/<int:pk>/", views.finding_detail, name="finding"),
    path("findings/<int:pk>/edit/", views.finding_edit, name="finding_edit"),
    path("findings/<int:pk>/update/", views.add_update, name="add_update"),
    path("inspections/<int:pk>/", views.inspection_detail, name="inspection"),
    path("inspections/<int:pk>/progress/", views.progress_report, name="progress_report"),
    path("inspections/<int:pk>/response/", response_views.response_page, name="response"),
    path("inspections/<int:pk>/response/start/", response_views.response_start,
         name="response_start"),
    path("inspections/<int:pk>/response/edit/", response_views.response_edit,
         name="response_edit"),
    path("inspections/<int:pk>/response/copies/", response_views.response_copies,
         name="response_copies"),
]
