"""The glossary and the panel's meetings are kept here; reports are built and
published in the portal's own pages, never changed in the admin."""

from django.contrib import admin

from panel_reports.models import Acronym, AgendaItem, PanelMeeting


@admin.register(Acronym)
class AcronymAdmin(admin.ModelAdmin):
    list_display = ["acronym", "meaning"]
    search_fields = ["acronym", "meaning"]


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 1
    raw_id_fields = ["report"]


@admin.register(PanelMeeting)
class PanelMeetingAdmin(admin.ModelAdmin):
    list_display = ["date", "starts_at", "place"]
    date_hierarchy = "date"
    inlines = [AgendaItemInline]
