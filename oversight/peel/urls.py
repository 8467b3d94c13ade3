from django.urls import path

from oversight.peel import views

app_name = "peel"
urlpatterns = [
    path("", views.register, name="register"),
    path("findings/add/", views.finding_edit, name="finding_add"),
    path("findings/<int:pk>/", views.finding_detail, name="finding"),
    path("findings/<int:pk>/edit/", views.finding_edit, name="finding_edit"),
    path("findings/<int:pk>/update/", views.add_update, name="add_update"),
    path("inspections/<int:pk>/", views.inspection_detail, name="inspection"),
    path("inspections/<int:pk>/progress/", views.progress_report, name="progress_report"),
]
