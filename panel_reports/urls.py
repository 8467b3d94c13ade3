from django.urls import path

from panel_reports import edit_views, meeting_views, views

app_name = "panel_reports"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("new/", edit_views.report_add, name="add"),
    path("acronyms/", views.acronyms, name="acronyms"),
    path("meetings/", meeting_views.meetings, name="meetings"),
    path("<int:pk>/", views.contents, name="contents"),
    path("<int:pk>/document/", views.whole, name="whole"),
    path("<int:pk>/document.pdf", views.pdf, name="pdf"),
    path("<int:pk>/page.css", views.page_css, name="page_css"),
    path("<int:pk>/revised-figures/", views.revisions, name="revisions"),
    path("<int:pk>/parts/<slug:slug>/", views.part, name="part"),
    path("<int:pk>/edit/", edit_views.report_edit, name="edit"),
    path("<int:pk>/priorities/<int:number>/edit/", edit_views.section_edit, name="section_edit"),
    path("<int:pk>/topics/<slug:code>/edit/", edit_views.topic_edit, name="topic_edit"),
    path("<int:pk>/submit/", edit_views.submit, name="submit"),
    path("<int:pk>/send-back/", edit_views.send_back, name="send_back"),
    path("<int:pk>/publish/", edit_views.publish, name="publish"),
    path("<int:pk>/correct/", edit_views.correct, name="correct"),
]
