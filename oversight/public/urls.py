from django.urls import path

from oversight.public import open_data_views, views
from oversight.public.sections import (
    ANNUAL_REPORTS,
    COMPLAINTS,
    DECISIONS,
    INSPECTIONS,
    MEETING_NOTES,
    NATIONAL_PRIORITIES,
)

app_name = "public"
# Stable addresses: a published record's page stays where it was published.
SECTION_ADDRESSES = [(DECISIONS, "decisions"), (INSPECTIONS, "inspections"),
                     (NATIONAL_PRIORITIES, "national-priorities"), (COMPLAINTS, "complaints"),
                     (MEETING_NOTES, "meeting-notes"), (ANNUAL_REPORTS, "annual-reports")]

urlpatterns = [
    path("", views.home, name="home"),
    path("reports/", views.reports, name="reports"),
    path("reports/<int:pk>/", views.report, name="report"),
    path("reports/<int:pk>/document/", views.report_whole, name="report_whole"),
    path("reports/<int:pk>/document.pdf", views.report_pdf, name="report_pdf"),
    path("reports/<int:pk>/page.css", views.report_page_css, name="report_page_css"),
    path("reports/<int:pk>/parts/<slug:slug>/", views.report_part, name="report_part"),
    *(pattern for section, address in SECTION_ADDRESSES for pattern in [
        path(f"{address}/", views.listing, {"section": section}, name=section.list_name),
        path(f"{address}/<slug:key>/", views.record, {"section": section},
             name=section.record_name),
    ]),
    path("what-we-publish/", views.duties, name="duties"),
    path("performance/", views.performance, name="performance"),
    path("open-data/", open_data_views.index, name="open_data"),
    path("open-data/<slug:name>.csv", open_data_views.csv_file, name="open_data_csv"),
    path("open-data/<slug:name>.csv-metadata.json", open_data_views.metadata,
         name="open_data_metadata"),
]
