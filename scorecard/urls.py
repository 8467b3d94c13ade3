from django.urls import path, register_converter

from scorecard import upload_views, views
from scorecard.converters import MonthConverter

register_converter(MonthConverter, "month")
app_name = "scorecard"

urlpatterns = [
    path("measures/", views.measure_list, name="measure_list"),
    path("measures/<str:code>/", views.measure_detail, name="measure"),
    path("returns/", views.return_choose, name="return_choose"),
    path("returns/<int:topic>/<month:month>/", views.return_form, name="return_form"),
    path("upload/", upload_views.upload, name="upload"),
    path("upload/<int:pk>/", upload_views.upload_preview, name="upload_preview"),
]
