"""Forms, with GOV.UK Frontend classes and plain-English messages."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.db import transaction

from oversight.core.known import past

# GOV.UK classes for widgets that do not set their own.
WIDGET_CLASSES = {
    forms.TextInput: "govuk-input",
    forms.NumberInput: "govuk-input govuk-input--width-5",
    forms.DateInput: "govuk-input govuk-input--width-10",
    forms.TimeInput: "govuk-input govuk-input--width-5",
    forms.Textarea: "govuk-textarea",
    forms.Select: "govuk-select",
}
ERROR_BASES = ("govuk-select", "govuk-textarea", "govuk-input")
DATE_FORMATS = ["%d %B %Y", "%d %b %Y", "%Y-%m-%d", "%d/%m/%Y"]


def day_field(label=None, *, missing="Enter the date", example="19 July 2022", **options):
    """A date typed as people write it ("19 July 2022", "19/07/2022" or ISO)."""
    return forms.DateField(
        label=label, input_formats=DATE_FORMATS, widget=forms.DateInput(format="%d %B %Y"),
        error_messages={"required": missing, "invalid": f"Enter a date like {example}"},
        **options)


class GovukFormMixin:
    """Links each field to its hint and error message, and marks fields in error."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            default_class = WIDGET_CLASSES.get(type(field.widget))
            if default_class and "class" not in field.widget.attrs:
                field.widget.attrs["class"] = default_class
            # Radios and checkboxes (no single label) are described on their fieldset.
            if field.help_text and self[name].id_for_label:
                field.widget.attrs["aria-describedby"] = f"{self[name].id_for_label}-hint"

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name not in self.fields or not self[name].id_for_label:
                continue
            attrs = self.fields[name].widget.attrs
            described_by = [attrs.get("aria-describedby", ""), f"{self[name].id_for_label}-error"]
            attrs["aria-describedby"] = " ".join(filter(None, described_by))
            classes = attrs.get("class", "")
            base = next((name for name in ERROR_BASES if name in classes), "govuk-input")
            attrs["class"] = f"{attrs.get('class', '')} {base}--error".strip()


class CommentForm(GovukFormMixin, forms.Form):
    """A step that needs a comment: sending back, starting a correction."""

    comment = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args, label, missing, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comment"].label = label
        self.fields["comment"].error_messages["required"] = missing


class KnownDayForm(forms.Form):
    """"As known on": a past day whose records a page rebuilds from history
    (core.known); blank for them as they stand."""

    known = day_field(
        "As known on (optional)", required=False,
        help_text="A past day: everything as it stood at its end, before later changes")

    def clean_known(self):
        day = self.cleaned_data["known"]
        if day is not None and past(day) is None:
            raise forms.ValidationError("Enter a day before today")
        return day

    def known_day(self):
        """The past day asked for (None: as they stand, or the day is in error)."""
        if not self.is_bound:
            return None
        self.is_valid()  # cleans every field; one in error is not in cleaned_data
        return self.cleaned_data.get("known")


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


class ProgressFormMixin:
    """A progress update that also sets its subject's status, both or neither."""

    subject_field: str

    def save_for(self, subject, author):
        with transaction.atomic():
            update = self.save(commit=False)
            setattr(update, self.subject_field, subject)
            update.author = author
            update.save()
            subject.status = self.cleaned_data["status"]
            subject.save(update_fields=["status"])
        return update
