"""Forms for one's own account: the second factor and the password."""

from django import forms
from django.contrib.auth.forms import PasswordChangeForm

from oversight.core.forms import GovukFormMixin


class CodeForm(GovukFormMixin, forms.Form):
    code = forms.CharField(
        label="Code", max_length=20, strip=True,
        help_text="The 6-digit code your authenticator app shows now, or a recovery code.",
        error_messages={"required": "Enter the code from your authenticator app"},
        widget=forms.TextInput(attrs={
            "class": "govuk-input govuk-input--width-10", "autocomplete": "one-time-code",
            "spellcheck": "false", "autocapitalize": "none"}),
    )

    def clean_code(self) -> str:
        return "".join(self.cleaned_data["code"].split())  # "123 456" as typed from the app


class EnrolCodeForm(CodeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = "The 6-digit code the app shows once it has the key."


class ChangePasswordForm(GovukFormMixin, PasswordChangeForm):
    """Django's own checks (the old password, the password rules), GOV.UK markup."""
