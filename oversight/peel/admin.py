"""Admin pages of the PEEL register."""

from django.contrib import admin

from oversight.peel.models import Finding, GradedArea, Inspection, MonitoringStage, ProgressUpdate


class GradedAreaInline(admin.TabularInline):
    model = GradedArea
    extra = 0


@admin.register(Inspection)
class InspectionAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "published_on", "response_due", "response_published_on")
    inlines = [GradedAreaInline]


class ProgressUpdateInline(admin.StackedInline):
    model = ProgressUpdate
    extra = 0
    fields = ("date", "rag", "narrative", "author")
    raw_id_fields = ("author",)


@admin.register(Finding)
class FindingAdmin(admin.ModelAdmin):
    list_display = ("reference", "kind", "status", "target_date", "owner", "inspection")
    list_filter = ("inspection", "kind", "status")
    list_select_related = ("inspection",)
    search_fields = ("reference", "text", "owner")
    filter_horizontal = ("objectives", "measures", "deliverables")
    inlines = [ProgressUpdateInline]


@admin.register(MonitoringStage)
class MonitoringStageAdmin(admin.ModelAdmin):
    list_display = ("stage", "started_on", "note")
