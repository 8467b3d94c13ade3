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
    fields = ("date", "rag", "narrative", "author", "corrects")
    raw_id_fields = ("author", "corrects")
    can_delete = False  # an update stands once recorded (oversight/core/progress.py)

    def has_change_permission(self, request, obj=None):
        return False  # existing updates are shown, not edited; add a correction instead


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
