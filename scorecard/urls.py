from django.urls import path, register_converter

from scorecard import kpi_views, upload_views, views
from scorecard.converters import MonthConverter

register_converter(MonthConverter, "month")
app_name = "scorecard"

urlpatterns = [
    path("", kpi_views.scorecard_index, name="index"),
    path("topics/<slug:code>/", kpi_views.topic_table, name="topic"),
    path("topics/<slug:code>/kpi.<str:kind>", kpi_views.topic_download, name="topic_download"),
    path("attention/", kpi_views.attention, name="attention"),
    path("freshness/", kpi_views.data_freshness, name="freshness"),
    path("revisions/", kpi_views.data_revisions, name="data_revisions"),
    path("methodology/", kpi_views.methodology, name="methodology"),
    path("measures/", views.measure_list, name="measure_list"),
    path("measures/<str:code>/", views.measure_detail, name="measure"),
    path("returns/", views.return_choose, name="return_choose"),
    path("returns/<int:topic>/<month:month>/", views.return_form, name="return_form"),
    path("upload/", upload_views.upload, name="upload"),
    path("upload/<int:pk>/", upload_views.upload_preview, name="upload_preview"),
    path("upload/<int:pk>/progress/", upload_views.upload_progress, name="upload_progress"),
]
