"""The portal's own forms."""

from django import forms
from django.contrib.auth import get_user_model

from oversight.core.forms import GovukFormMixin, day_field
from oversight.portal import audit_log


class AuditFilterForm(GovukFormMixin, forms.Form):
    person = forms.ModelChoiceField(
        label="Person", required=False, empty_label="Anyone",
        queryset=get_user_model().objects.order_by("first_name", "last_name", "username"))
    kind = forms.ChoiceField(label="Kind of record", required=False)
    since = day_field("From", required=False)
    until = day_field("To", required=False, help_text="For example 19 July 2022.")
    record = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].label_from_instance = lambda u: u.get_full_name() or u.username
        self.fields["kind"].choices = [("", "Every kind"), *audit_log.kinds().items()]

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            self.add_error("until", "The end date must be on or after the start date")
        return data

    def filters(self) -> audit_log.Filters:
        if not self.is_valid():
            return audit_log.Filters()
        data = self.cleaned_data
        return audit_log.Filters(
            person=data["person"].pk if data["person"] else None, kind=data["kind"],
            since=data["since"], until=data["until"],
            record=data["record"] if data["kind"] else None)  # an id means nothing alone
