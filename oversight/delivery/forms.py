"""The delivery plan's forms."""

from django import forms

from oversight.core.forms import GovukFormMixin, ProgressFormMixin, day_field
from oversight.delivery.models import ActivityStatus, ActivityUpdate


class ActivityUpdateForm(ProgressFormMixin, GovukFormMixin, forms.ModelForm):
    subject_field = "activity"
    date = day_field(example="31 March 2021")

    class Meta:
        model = ActivityUpdate
        fields = ["date", "narrative", "status"]
        labels = {"status": "The activity's status after this update"}
        widgets = {"narrative": forms.Textarea(attrs={"rows": 5})}
        error_messages = {"narrative": {"required": "Enter what progress has been made"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = ActivityStatus.choices
