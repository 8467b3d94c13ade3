from django.urls import path

from oversight.delivery import views

app_name = "delivery"

urlpatterns = [
    path("delivery-plan/", views.delivery_plan_latest, name="latest"),
    path("delivery-plans/<int:pk>/", views.delivery_plan, name="plan"),
    path("delivery-plan/activities/<int:pk>/", views.activity_detail, name="activity"),
    path("delivery-plan/activities/<int:pk>/update/", views.activity_update,
         name="activity_update"),
]
