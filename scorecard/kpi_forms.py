"""Choosing what a KPI page shows: the reference month, and the attention filters."""

from django import forms

from oversight.core.forms import GovukFormMixin
from oversight.plan.models import Priority
from scorecard.formats import month_key, month_label, parse_month
from scorecard.models import Area
from scorecard.ranking import Filters

SELECT = {"class": "govuk-select"}


class ReferenceMonthForm(GovukFormMixin, forms.Form):
    """A month among those with data; blank (or no choice yet) means the latest."""

    month = forms.ChoiceField(
        label="Reference month", required=False, widget=forms.Select(attrs=SELECT),
        error_messages={"invalid_choice": "Choose a month that has data"})

    def __init__(self, data, months, **kwargs):
        super().__init__(data, **kwargs)
        self.months = months
        self.fields["month"].choices = [(month_key(m), month_label(m)) for m in months]

    def chosen(self):
        """The month asked for if valid, else the latest with data (None if none)."""
        if self.is_bound and self.is_valid() and self.cleaned_data["month"]:
            return parse_month(self.cleaned_data["month"])
        return self.months[0] if self.months else None


class AttentionFilterForm(ReferenceMonthForm):
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
        """The filters chosen (none if the form has errors)."""
        if not (self.is_bound and self.is_valid()):
            return Filters()
        wanted = self.cleaned_data
        return Filters(priority=wanted["priority"].pk if wanted["priority"] else None,
                       area=wanted["area"].pk if wanted["area"] else None,
                       movement=wanted["movement"] or None)
