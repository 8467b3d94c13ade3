from django.urls import path

from oversight.plan import views

app_name = "plan"

urlpatterns = [
    path("plan/", views.plan_current, name="current"),
    path("plans/<int:pk>/", views.plan_detail, name="detail"),
    path("objectives/<int:pk>/", views.objective_detail, name="objective"),
    path("deliverables/", views.deliverable_list, name="deliverables"),
]
