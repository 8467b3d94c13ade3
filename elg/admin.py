"""The question bank and its themes are edited here; meetings, briefings and
actions have their own pages, and are here for corrections."""

from django.contrib import admin

from elg.models import Action, Briefing, Meeting, PublishedNotes, Question, Theme
from oversight.core.publishing_admin import PublishableAdmin


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ("name", "order")
    list_editable = ("order",)


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ("text", "theme")
    list_filter = ("theme", "objectives")
    search_fields = ("text",)
    filter_horizontal = ("objectives",)


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("date", "topic", "kind", "status", "half_year")
    list_filter = ("half_year", "kind", "status")
    filter_horizontal = ("objectives",)


@admin.register(Briefing)
class BriefingAdmin(admin.ModelAdmin):
    list_display = ("topic", "meeting", "status")
    list_filter = ("status",)


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ("description", "owner", "due_date", "status", "meeting")
    list_filter = ("status", "organisation")


@admin.register(PublishedNotes)
class PublishedNotesAdmin(PublishableAdmin):
    """The copy of a meeting's notes the public reads: redacted here."""

    list_display = ("title", "meeting", "publishing")
    raw_id_fields = ("meeting",)
