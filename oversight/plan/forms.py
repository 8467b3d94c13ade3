"""The Plan's forms."""

from django import forms

from oversight.core.forms import GovukFormMixin, KnownDayForm
from oversight.plan.deliverables import DeliverableStatus


class DeliverableFilterForm(GovukFormMixin, KnownDayForm):
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "All statuses")] + [(s.value, s.label) for s in DeliverableStatus],
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )
    as_of = forms.DateField(
        label="Status as of",
        required=False,
        help_text="Leave blank for today.",
        error_messages={"invalid": "Enter a real date"},
        widget=forms.DateInput(
            attrs={"type": "date", "class": "govuk-input govuk-input--width-10"}
        ),
    )

    def as_of_or(self, default):
        self.is_valid()  # a day in error is not in cleaned_data
        return self.cleaned_data.get("as_of") or default if self.is_bound else default
