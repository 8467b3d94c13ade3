"""Forms, with GOV.UK Frontend classes and plain-English messages."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from oversight.deliverables import DeliverableStatus


class GovukFormMixin:
    """Adds GOV.UK classes, and links each field to its error message."""

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = widget.attrs.get("class", "") + " govuk-input--error"
                widget.attrs["aria-describedby"] = f"{self[name].id_for_label}-error"


class LoginForm(GovukFormMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account is inactive. Contact your administrator.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update(
            {"class": "govuk-input govuk-!-width-one-half", "spellcheck": "false"}
        )
        self.fields["password"].widget.attrs.update(
            {"class": "govuk-input govuk-!-width-one-half"}
        )
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"


class DeliverableFilterForm(forms.Form):
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
        return (self.cleaned_data.get("as_of") if self.is_valid() else None) or default
