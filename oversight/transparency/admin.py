"""Admin pages of the records the public site shows once approved: the
decisions register, the 7A statement and complaints information."""

from django.contrib import admin
from django.db import models

from oversight.core.publishing_admin import PublishableAdmin
from oversight.transparency.models import (
    ComplaintsInformation,
    Decision,
    Duty,
    NationalPrioritiesStatement,
    PriorityContribution,
)
from scorecard.models import NationalPriority


@admin.register(Decision)
class DecisionAdmin(PublishableAdmin):
    list_display = ("number", "date", "title", "decision_maker", "publishing")
    search_fields = ("number", "title", "summary")


class ContributionInline(admin.StackedInline):
    model = PriorityContribution
    extra = 0
    fields = ("priority", "applies", "why")


@admin.register(NationalPrioritiesStatement)
class NationalPrioritiesStatementAdmin(PublishableAdmin):
    list_display = ("__str__", "publishing")
    inlines = [ContributionInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # A new statement lists every national priority, to say of each
        # whether it applies locally and why.
        statement = form.instance
        have = set(statement.contributions.values_list("priority", flat=True))
        PriorityContribution.objects.bulk_create(
            PriorityContribution(statement=statement, priority=priority)
            for priority in NationalPriority.objects.exclude(pk__in=have))


@admin.register(ComplaintsInformation)
class ComplaintsInformationAdmin(PublishableAdmin):
    list_display = ("period", "cases_logged", "publishing")


@admin.register(Duty)
class DutyAdmin(admin.ModelAdmin):
    list_display = ("title", "legal_reference", "starts_with", "period", "responsible")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
