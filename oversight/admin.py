from django.contrib import admin

from oversight.models import Deliverable, Objective, Plan, Priority


class PriorityInline(admin.TabularInline):
    model = Priority
    extra = 0


class ObjectiveInline(admin.TabularInline):
    model = Objective
    extra = 0
    fields = ("code", "title", "is_demo")


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ("title", "period", "start_date", "end_date", "is_current")
    inlines = [PriorityInline]


@admin.register(Priority)
class PriorityAdmin(admin.ModelAdmin):
    list_display = ("__str__", "plan")
    list_filter = ("plan",)
    inlines = [ObjectiveInline]


@admin.register(Objective)
class ObjectiveAdmin(admin.ModelAdmin):
    list_display = ("code", "title", "priority", "is_demo")
    list_filter = ("priority__plan", "priority")
    search_fields = ("code", "title")


@admin.register(Deliverable)
class DeliverableAdmin(admin.ModelAdmin):
    list_display = ("action", "objective", "owner", "due_date", "progress")
    list_filter = ("objective__priority__plan", "objective__priority")
    list_select_related = ("objective__priority",)
    search_fields = ("action", "owner")
    date_hierarchy = "due_date"
