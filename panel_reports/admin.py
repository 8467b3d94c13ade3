"""The glossary, the panel's meetings and the annual reports' text are kept
here; highlight reports are built and published in the portal's own pages,
never changed in the admin."""

from django.contrib import admin

from oversight.core.publishing_admin import PublishableAdmin
from panel_reports.models import Acronym, AgendaItem, AnnualReport, PanelMeeting


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


@admin.register(AnnualReport)
class AnnualReportAdmin(PublishableAdmin):
    """The s.12 annual report's own text; the year's quarterly reports join it
    when it is published (panel_reports/annual_reports.py)."""

    list_display = ["__str__", "publishing"]
