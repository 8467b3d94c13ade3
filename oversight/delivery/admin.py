"""Admin pages of the OPCC delivery plan."""

from django.contrib import admin

from oversight.delivery.models import ActivityUpdate, CoreActivity, DeliveryObjective, DeliveryPlan


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
    raw_id_fields = ("author", "corrects")
    can_delete = False  # an update stands once recorded (oversight/core/progress.py)

    def has_change_permission(self, request, obj=None):
        return False  # existing updates are shown, not edited; add a correction instead


@admin.register(CoreActivity)
class CoreActivityAdmin(admin.ModelAdmin):
    list_display = ("text", "owner", "status", "objective")
    list_filter = ("objective__plan", "status")
    list_select_related = ("objective",)
    search_fields = ("text", "owner")
    inlines = [ActivityUpdateInline]
