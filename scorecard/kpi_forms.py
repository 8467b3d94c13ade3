"""Choosing what a KPI page shows: the reference month, and the attention filters."""

from django import forms

from oversight.core.forms import GovukFormMixin, KnownDayForm
from oversight.plan.models import Priority
from scorecard.formats import month_key, month_label, parse_month
from scorecard.models import Area
from scorecard.ranking import Filters

SELECT = {"class": "govuk-select"}


class ReferenceMonthForm(GovukFormMixin, KnownDayForm):
    """A month among those with data; blank (or no choice yet) means the latest."""

    month = forms.ChoiceField(
        label="Reference month", required=False, widget=forms.Select(attrs=SELECT),
        error_messages={"invalid_choice": "Choose a month that has data"})
    field_order = ["month"]

    def __init__(self, data, months, **kwargs):
        super().__init__(data, **kwargs)
        self.months = months
        self.fields["month"].choices = [(month_key(m), month_label(m)) for m in months]

    def value(self, name):
        """A field's value if given and valid, else None (each field stands
        alone: one in error leaves the others' choices as made)."""
        if not self.is_bound:
            return None
        self.is_valid()  # cleans every field; one in error is not in cleaned_data
        return self.cleaned_data.get(name) or None

    def chosen(self):
        """The month asked for if valid, else the latest with data (None if none)."""
        picked = self.value("month")
        if picked:
            return parse_month(picked)
        return self.months[0] if self.months else None



class AttentionFilterForm(ReferenceMonthForm):
    field_order = ["month", "priority", "area", "movement"]

    priority = forms.ModelChoiceField(
        queryset=Priority.objects.filter(plan__is_current=True), required=False,
        empty_label="All priorities", widget=forms.Select(attrs=SELECT),
        error_messages={"invalid_choice": "Choose a priority from the list"})
    area = forms.ModelChoiceField(
        queryset=Area.objects.all(), required=False, empty_label="All areas",
        widget=forms.Select(attrs=SELECT),
        error_messages={"invalid_choice": "Choose an area from the list"})
    movement = forms.ChoiceField(
        label="Exceptions", required=False, widget=forms.Select(attrs=SELECT),
        choices=[("", "All measures"), ("concern", "Concerns only"),
                 ("improvement", "Improvements only"), ("change", "Neutral changes only")],
        error_messages={"invalid_choice": "Choose which exceptions to show"})

    def filters(self) -> Filters:
        """The filters chosen (any in error: not applied)."""
        priority, area = self.value("priority"), self.value("area")
        return Filters(priority=priority.pk if priority else None,
                       area=area.pk if area else None, movement=self.value("movement"))
