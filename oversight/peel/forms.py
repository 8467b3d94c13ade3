"""Forms of the PEEL register and the OPCC delivery plan."""

from django import forms

from oversight.core.forms import GovukFormMixin, KnownDayForm, ProgressFormMixin, day_field
from oversight.peel.models import Finding, Inspection, ProgressUpdate
from oversight.peel.responses import InspectionResponse, RecommendationExplanation
from oversight.plan.models import Objective
from scorecard.models import Measure

ANY = [("", "Any")]


class FindingFilterForm(GovukFormMixin, KnownDayForm):
    """The register's filters; each narrows the list, none changes the counts."""

    kind = forms.ChoiceField(required=False, choices=ANY + Finding.Kind.choices)
    status = forms.ChoiceField(required=False, choices=ANY + Finding.Status.choices)
    overdue = forms.BooleanField(
        required=False, label="Only findings past their target date",
        widget=forms.CheckboxInput(attrs={"class": "govuk-checkboxes__input"}))
    sustained = forms.BooleanField(
        required=False, label="Only findings with sustained improvement on their measures",
        widget=forms.CheckboxInput(attrs={"class": "govuk-checkboxes__input"}))
    objective = forms.ModelChoiceField(
        required=False, empty_label="Any", queryset=Objective.objects.filter(
            priority__plan__is_current=True).select_related("priority"),
        error_messages={"invalid_choice": "Choose an objective from the list"})
    as_of = day_field("As of", required=False, example="31 October 2023",
                      help_text="Overdue and sustained as of this day. Leave blank for today.")

    def as_of_or(self, default):
        self.is_valid()  # a day in error is not in cleaned_data
        return self.cleaned_data.get("as_of") or default if self.is_bound else default

    def keep(self, findings, today):
        """The findings that pass the filters (objectives prefetched, evidence
        attached as of `today`)."""
        if not self.is_valid():
            return findings
        wanted = self.cleaned_data
        return [f for f in findings
                if (not wanted["kind"] or f.kind == wanted["kind"])
                and (not wanted["status"] or f.status == wanted["status"])
                and (not wanted["overdue"] or f.is_overdue(today))
                and (not wanted["sustained"] or f.evidence.sustained)
                and (not wanted["objective"] or wanted["objective"] in f.objectives.all())]

    @property
    def active(self) -> bool:
        return self.is_valid() and any(self.cleaned_data.values())


class FindingForm(GovukFormMixin, forms.ModelForm):
    target_date = day_field(required=False, example="31 March 2023",
                            help_text="For example 31 March 2023. Leave blank if none is set.")

    class Meta:
        model = Finding
        fields = ["inspection", "kind", "cause", "reference", "text", "owner", "target_date",
                  "status", "objectives", "measures", "deliverables"]
        labels = {"text": "Wording", "cause": "Cause of concern"}
        widgets = {
            "kind": forms.RadioSelect,
            "text": forms.Textarea(attrs={"rows": 4}),
            "objectives": forms.CheckboxSelectMultiple,
            "measures": forms.CheckboxSelectMultiple,
            "deliverables": forms.CheckboxSelectMultiple,
        }
        error_messages = {
            "inspection": {"required": "Choose the inspection"},
            "kind": {"required": "Choose the kind of finding"},
            "reference": {"required": "Enter the reference, for example R 1.2"},
            "text": {"required": "Enter the finding's wording"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cause"].queryset = Finding.objects.filter(
            kind=Finding.Kind.CAUSE_OF_CONCERN).select_related("inspection")
        self.fields["cause"].empty_label = "None (not a recommendation)"
        self.fields["objectives"].queryset = Objective.objects.filter(
            priority__plan__is_current=True)
        self.fields["measures"].queryset = Measure.objects.filter(active=True).order_by("code")
        self.fields["measures"].label_from_instance = lambda m: f"{m.code}: {m.name}"
        self.fields["measures"].help_text = (
            "The finding page shows their KPI rows and whether improvement is sustained.")
        self.fields["deliverables"].queryset = self.fields["deliverables"].queryset.filter(
            objective__priority__plan__is_current=True)
        self.fields["inspection"].queryset = Inspection.objects.all()
        self.fields["inspection"].empty_label = None


class ProgressUpdateForm(ProgressFormMixin, GovukFormMixin, forms.ModelForm):
    subject_field = "finding"
    date = day_field(example="14 December 2023")
    status = forms.ChoiceField(
        label="The finding's status after this update", choices=Finding.Status.choices)

    class Meta:
        model = ProgressUpdate
        fields = ["date", "narrative", "rag"]
        widgets = {"narrative": forms.Textarea(attrs={"rows": 5}), "rag": forms.RadioSelect}
        error_messages = {
            "narrative": {"required": "Enter what progress has been made"},
            "rag": {"required": "Choose a RAG rating"},
        }


class InspectionResponseForm(GovukFormMixin, forms.ModelForm):
    """The response's own text and the chief officer's comments (s.55)."""

    chief_officer_invited_on = day_field("Date the chief officer's comments were invited",
                                         required=False, example="3 May 2022")
    chief_officer_received_on = day_field("Date the chief officer's comments were received",
                                          required=False, example="10 June 2022")

    class Meta:
        model = InspectionResponse
        fields = ["comments", "chief_officer_invited_on", "chief_officer_received_on",
                  "chief_officer_comments", "response_to_chief_officer"]
        widgets = {name: forms.Textarea(attrs={"rows": 6}) for name in
                   ["comments", "chief_officer_comments", "response_to_chief_officer"]}

    def clean(self):
        data = super().clean()
        invited, received = (data.get("chief_officer_invited_on"),
                             data.get("chief_officer_received_on"))
        if invited and received and received < invited:
            self.add_error("chief_officer_received_on",
                           "The comments cannot be received before they were invited")
        return data


class ExplanationForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = RecommendationExplanation
        fields = ["action", "explanation"]
        widgets = {"action": forms.RadioSelect, "explanation": forms.Textarea(attrs={"rows": 4})}


ExplanationFormSet = forms.inlineformset_factory(
    InspectionResponse, RecommendationExplanation, form=ExplanationForm, extra=0,
    can_delete=False, max_num=200, absolute_max=200)


class CopiesSentForm(GovukFormMixin, forms.ModelForm):
    """When the published response was copied to HMICFRS and the Home Secretary."""

    sent_to_hmicfrs_on = day_field("Copy sent to HMICFRS on", required=False,
                                   example="20 June 2022")
    sent_to_home_secretary_on = day_field("Copy sent to the Home Secretary on",
                                          required=False, example="20 June 2022")

    class Meta:
        model = InspectionResponse
        fields = ["sent_to_hmicfrs_on", "sent_to_home_secretary_on"]
