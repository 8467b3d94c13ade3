from django.urls import path

from elg import briefing_views, builder_views, notes_views, views

app_name = "elg"

urlpatterns = [
    path("", views.schedule, name="schedule"),
    path("schedule.ics", views.calendar_feed, name="calendar"),
    path("calendar/", views.calendar_subscription, name="subscription"),
    path("calendar/<str:token>/elg-meetings.ics", views.subscribed_calendar,
         name="subscribed_calendar"),
    path("schedule/build/", builder_views.build_schedule, name="build"),
    path("meetings/new/", views.meeting_edit, name="meeting_add"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/outcome/", views.outcome, name="outcome"),
    path("meetings/<int:pk>/published-notes/", notes_views.prepare_published_notes,
         name="published_notes"),
    path("meetings/<int:pk>/briefing/", briefing_views.briefing, name="briefing"),
    path("meetings/<int:pk>/briefing.pdf", briefing_views.briefing_pdf, name="briefing_pdf"),
    path("meetings/<int:pk>/briefing-pages.css", briefing_views.briefing_page_css,
         name="briefing_page_css"),
    path("meetings/<int:pk>/briefing/edit/", briefing_views.briefing_edit,
         name="briefing_edit"),
    path("meetings/<int:pk>/briefing/questions/", briefing_views.briefing_questions,
         name="briefing_questions"),
    path("questions/", briefing_views.question_bank, name="question_bank"),
    path("actions/", views.actions_log, name="actions"),
]
