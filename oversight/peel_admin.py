"""Admin pages of the PEEL register and the OPCC delivery plan."""

from django.contrib import admin

from oversight.models import (
    ActivityUpdate,
    CoreActivity,
    DeliveryObjective,
    DeliveryPlan,
    Finding,
    GradedArea,
    Inspection,
    MonitoringStage,
    ProgressUpdate,
)


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


class DeliveryObjectiveInline(admin.TabularInline):
    model = DeliveryObjective
    extra = 0


@admin.register(DeliveryPlan)
class DeliveryPlanAdmin(admin.ModelAdmin):
    list_display = ("title", "period", "start_date", "end_date")
    inlines = [DeliveryObjectiveInline]


class CoreActivityInline(admin.TabularInline):
    model = CoreActivity
    extra = 0


@admin.register(DeliveryObjective)
class DeliveryObjectiveAdmin(admin.ModelAdmin):
    list_display = ("__str__", "plan")
    inlines = [CoreActivityInline]


class ActivityUpdateInline(admin.StackedInline):
    model = ActivityUpdate
    extra = 0
    raw_id_fields = ("author",)


@admin.register(CoreActivity)
class CoreActivityAdmin(admin.ModelAdmin):
    list_display = ("text", "owner", "status", "objective")
    list_filter = ("objective__plan", "status")
    list_select_related = ("objective",)
    search_fields = ("text", "owner")
    inlines = [ActivityUpdateInline]
