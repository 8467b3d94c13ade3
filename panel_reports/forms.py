"""Forms for building a report: its details, a priority's section, a topic page,
and the comments that go with sending back and correcting."""

from django import forms
from django.core.exceptions import ValidationError

from oversight.core.forms import GovukFormMixin
from panel_reports import document
from panel_reports.models import PrioritySection, Report, TopicPage
from scorecard.forms import MonthField

ONE_A_LINE = {"rows": 6}


class ReportForm(GovukFormMixin, forms.ModelForm):
    period_start = MonthField(label="First month of the period",
                              help_text="As YYYY-MM, for example 2023-09.")
    period_end = MonthField(label="Last month of the period",
                            help_text="As YYYY-MM, for example 2023-12.")
    reference_month = MonthField(
        label="Month the KPI tables show",
        help_text="As YYYY-MM: usually the latest month with the force's data.")

    class Meta:
        model = Report
        fields = ["period_start", "period_end", "reference_month", "meeting", "inspection",
                  "assessment"]
        widgets = {"assessment": forms.Textarea(attrs=ONE_A_LINE)}
        help_texts = {"assessment": "One point a line."}

    def clean(self):
        data = super().clean()
        start, end, month = (data.get(k) for k in ("period_start", "period_end",
                                                    "reference_month"))
        if start and end and end < start:
            self.add_error("period_end", "The last month must be the first month or later")
        if end and month and month > end:
            self.add_error("reference_month",
                           "The KPI tables' month must be the period's last month or earlier")
        if start and end and Report.objects.filter(
                period_start=start, period_end=end, version=self.instance.version).exclude(
                pk=self.instance.pk).exists():
            raise ValidationError("A report for this period already exists: open it from "
                                  "the list of reports")
        return data


class SectionForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = PrioritySection
        fields = ["outcomes", "focus", "risks"]
        widgets = {name: forms.Textarea(attrs=ONE_A_LINE) for name in fields}


class TopicPageForm(GovukFormMixin, forms.ModelForm):
    show_charts = forms.TypedChoiceField(
        label="Show the control charts on the topic page?", coerce=lambda v: v == "yes",
        choices=[("yes", "Yes"), ("no", "No")], widget=forms.RadioSelect)

    class Meta:
        model = TopicPage
        fields = ["so_what", "now_what", "show_charts"]
        widgets = {"so_what": forms.Textarea(attrs={"rows": 10}),
                   "now_what": forms.Textarea(attrs=ONE_A_LINE)}
        help_texts = {"so_what": (
            "One point a line. Write figures as tokens so they always match the table: "
            "[[MEASURE:figure]], or [[MEASURE/AREA:figure]] for an area's row.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["show_charts"] = "yes" if self.instance.show_charts else "no"

    def clean_so_what(self):
        text = self.cleaned_data["so_what"]
        problems = document.so_what_problems(self.instance.report, text)
        if problems:
            raise ValidationError(" ".join(problems))  # one message: one error id
        return text

