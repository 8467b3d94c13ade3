import pghistory
from django import forms
from django.contrib import admin
from django.http import HttpRequest

from scorecard.models import (
    Annotation,
    Area,
    ComparatorValue,
    Measure,
    MeasureArea,
    MethodSettings,
    MonthlyValue,
    NationalPriority,
    Threshold,
    Topic,
)


class ReasonForm(forms.ModelForm):
    """Edits to audited data say why: the reason is kept with the change."""

    # The name every form's reason has (core.audit_context.REASON_FIELD).
    change_reason = forms.CharField(
        label="Reason for the change",
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        help_text="Kept in the history with who made the change and when.",
    )


class ReasonAdmin(admin.ModelAdmin):
    """Attaches the form's reason to the history of everything the save writes."""

    form = ReasonForm

    def save_model(self, request: HttpRequest, obj, form, change) -> None:
        # The request's history context (HistoryMiddleware) gets the reason.
        pghistory.context(reason=form.cleaned_data["change_reason"], source="Administration")
        super().save_model(request, obj, form, change)


class ThresholdInline(admin.TabularInline):
    model = Threshold
    extra = 0


class MeasureAreaInline(admin.TabularInline):
    model = MeasureArea
    extra = 0
    verbose_name = "area reported for"
    verbose_name_plural = "areas reported for"


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "parent", "order")
    search_fields = ("name", "code")


@admin.register(NationalPriority)
class NationalPriorityAdmin(ReasonAdmin):
    list_display = ("title", "code", "order")


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ("name", "order", "priority", "objective")


@admin.register(Measure)
class MeasureAdmin(ReasonAdmin):
    list_display = ("code", "name", "topic", "unit", "aggregation", "polarity", "active")
    list_filter = ("topic", "unit", "aggregation", "active", "national_priority")
    list_select_related = ("topic",)
    search_fields = ("code", "name")
    filter_horizontal = ("objectives",)
    inlines = [MeasureAreaInline, ThresholdInline]


@admin.register(MonthlyValue)
class MonthlyValueAdmin(ReasonAdmin):
    list_display = ("measure", "area", "month", "value", "numerator", "denominator", "weight")
    list_filter = ("measure__topic", "area")
    list_select_related = ("measure", "area")
    search_fields = ("measure__code", "measure__name")
    date_hierarchy = "month"
    raw_id_fields = ("measure",)

    def get_readonly_fields(self, request: HttpRequest, obj=None):
        # A stored value keeps its key (a trigger holds it to that).
        return ("measure", "area", "month") if obj else ()


@admin.register(Annotation)
class AnnotationAdmin(admin.ModelAdmin):
    list_display = ("month", "kind", "measure", "area")
    list_filter = ("kind",)
    list_select_related = ("measure", "area")


@admin.register(ComparatorValue)
class ComparatorValueAdmin(admin.ModelAdmin):
    list_display = ("measure", "label", "period_start", "period_end", "value")
    list_select_related = ("measure",)


@admin.register(MethodSettings)
class MethodSettingsAdmin(ReasonAdmin):
    """The KPI method's one row of settings: changed with a reason, never added twice
    or deleted (without it the defaults apply)."""

    def has_add_permission(self, request: HttpRequest):
        return super().has_add_permission(request) and not MethodSettings.objects.exists()

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
