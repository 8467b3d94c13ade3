"""ELG forms: the schedule builder, a meeting, a briefing and its questions,
and a meeting's outcome. Messages are plain English."""

from datetime import date, datetime

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from elg.half_years import HalfYear
from elg.models import (
    REVIEW_TOPIC,
    Action,
    Briefing,
    Meeting,
    MeetingKind,
    MeetingStatus,
    OutcomeNote,
    Owner,
    Question,
    Rating,
    Theme,
)
from elg.schedule import nth_weekdays
from elg.topics import objectives_named
from oversight.core.forms import DATE_FORMATS, GovukFormMixin, day_field

WEEKDAYS = [(0, "Monday"), (1, "Tuesday"), (2, "Wednesday"), (3, "Thursday"), (4, "Friday")]
WEEKS = [(1, "First"), (2, "Second"), (3, "Third"), (4, "Fourth"), (5, "Fifth")]


def readable(day: date) -> str:
    return f"{day:%-d %B %Y}"


def parse_day(text: str, year: int) -> date | None:
    """ "13 June" (in `year`), "13 June 2022", "2022-06-13" or "13/06/2022"."""
    text = " ".join(text.split())
    for pattern in DATE_FORMATS:
        for candidate in (text, f"{text} {year}"):
            try:
                return datetime.strptime(candidate, pattern).date()  # noqa: DTZ007
            except ValueError:
                continue
    return None


def clashes(dates: list[date], exclude_pk=None) -> list[str]:
    """Messages for the dates another ELG meeting already has."""
    taken = Meeting.objects.filter(date__in=dates).exclude(pk=exclude_pk).order_by("date")
    return [f"Another ELG meeting is already on {readable(m.date)}: “{m.topic}”. "
            "Choose another date." for m in taken]


class ScheduleStartForm(GovukFormMixin, forms.Form):
    """What the builder proposes a schedule from."""

    year = forms.IntegerField(
        min_value=2000, max_value=2100,
        error_messages={"required": "Enter the year", "min_value": "Enter a year like 2023",
                        "max_value": "Enter a year like 2023", "invalid": "Enter a year like 2023"},
    )
    half = forms.TypedChoiceField(
        label="Half-year", coerce=int, choices=[(1, "H1 (January to June)"),
                                               (2, "H2 (July to December)")],
        error_messages={"required": "Choose the half-year"},
    )
    weekday = forms.TypedChoiceField(
        label="Meeting day", required=False, coerce=int, empty_value=None,
        choices=[("", "Choose a day"), *WEEKDAYS],
        help_text="With the weeks below, e.g. the first and third Tuesday of each month.",
    )
    weeks = forms.TypedMultipleChoiceField(
        label="Weeks of the month", required=False, coerce=int, choices=WEEKS,
        widget=forms.CheckboxSelectMultiple,
    )
    dates = forms.CharField(
        label="Or list the dates one by one", required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="One date a line, like 19 July or 19 July 2022. "
        "Use this where the months do not follow one pattern.",
    )
    starts_at = forms.TimeField(
        label="Start time", initial="10:00",
        error_messages={"required": "Enter the start time", "invalid": "Enter a time like 10:00"},
    )
    place = forms.CharField(max_length=200, required=False,
                            help_text="For example Police HQ, Devizes.")
    rotation = forms.CharField(
        label="Topic rotation",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="One Plan topic a line, in the order they take their turn, each naming "
        "its objective code(s): “2.1 Violence Reduction and Domestic Abuse / 2.2 VAWG”.",
        error_messages={"required": "Enter at least one topic for the rotation"},
    )

    def clean_rotation(self):
        topics = [" ".join(line.split()) for line in self.cleaned_data["rotation"].splitlines()]
        topics = [topic for topic in topics if topic]
        problems = []
        for number, topic in enumerate(topics, start=1):
            try:
                objectives_named(topic)
            except ValidationError as error:
                problems.append(f"Topic {number} (“{topic}”): {error.messages[0]}")
        if problems:
            raise ValidationError(problems)
        return topics

    def clean(self):
        data = super().clean()
        if "year" not in data or "half" not in data:
            return data
        half = HalfYear(data["year"], data["half"])
        data["half_year"] = half
        pattern = data.get("weekday") is not None or data.get("weeks")
        if pattern and data.get("dates", "").strip():
            raise ValidationError("Give either the meeting days of each month or a list of "
                                  "dates, not both.")
        if pattern:
            if data.get("weekday") is None or not data.get("weeks"):
                raise ValidationError("Choose the meeting day and at least one week of the month.")
            data["meeting_dates"] = nth_weekdays(half.months, data["weekday"], data["weeks"])
        elif data.get("dates", "").strip():
            data["meeting_dates"] = self._listed_dates(data["dates"], half.year)
        else:
            raise ValidationError("Give the meeting days of each month, or list the dates.")
        return data

    def _listed_dates(self, text, year):
        days, problems = [], []
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        for number, line in enumerate(lines, start=1):
            day = parse_day(line, year)
            if day is None:
                problems.append(
                    f"Date {number} (“{line}”) is not a date. Write it like 19 July 2022.")
            else:
                days.append(day)
        repeated = sorted({readable(d) for d in days if days.count(d) > 1})
        problems += [f"{day} is listed twice." for day in repeated]
        if problems:
            self.add_error("dates", problems)
        return sorted(set(days))


class ProposedMeetingForm(GovukFormMixin, forms.Form):
    """One row of the proposed schedule, for review before saving."""

    date = day_field()
    kind = forms.ChoiceField(choices=MeetingKind.choices)
    topic = forms.CharField(max_length=300, required=False)
    remove = forms.BooleanField(required=False, label="Leave out")

    def clean(self):
        data = super().clean()
        if data.get("remove"):
            return data
        if data.get("kind") == MeetingKind.REVIEW:
            data["topic"] = REVIEW_TOPIC
            data["objectives"] = []
        elif "kind" in data:
            try:
                data["objectives"] = objectives_named(data.get("topic", ""))
            except ValidationError as error:
                self.add_error("topic", error)
        return data


class BaseProposalFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        kept = [form.cleaned_data for form in self.forms
                if form.cleaned_data and not form.cleaned_data.get("remove")]
        dates = [row["date"] for row in kept]
        if not dates:
            raise ValidationError("Keep at least one meeting in the schedule.")
        twice = sorted({readable(d) for d in dates if dates.count(d) > 1})
        problems = [f"Two meetings are proposed on {day}. Move one." for day in twice]
        problems += clashes(dates)
        if problems:
            raise ValidationError(problems)


ProposalFormSet = forms.formset_factory(
    ProposedMeetingForm, formset=BaseProposalFormSet, extra=0, max_num=60, absolute_max=60
)


class MeetingForm(GovukFormMixin, forms.ModelForm):
    date = day_field(help_text="For example 19 July 2022.")

    class Meta:
        model = Meeting
        fields = ["date", "starts_at", "place", "kind", "half_year", "topic", "status"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].required = False  # a review takes the review's topic
        self.fields["half_year"].required = False
        self.fields["half_year"].help_text = (
            "For example 2022-H2. Leave blank for the half-year the date falls in.")

    def clean_date(self):
        day = self.cleaned_data["date"]
        problems = clashes([day], exclude_pk=self.instance.pk)
        if problems:
            raise ValidationError(problems[0])
        return day

    def clean(self):
        data = super().clean()
        if not data.get("half_year") and data.get("date"):
            data["half_year"] = HalfYear.of(data["date"]).key
        if data.get("kind") == MeetingKind.REVIEW:
            data["topic"], self.objectives = REVIEW_TOPIC, []
        else:
            try:
                self.objectives = objectives_named(data.get("topic", ""))
            except ValidationError as error:
                self.add_error("topic", error)
        return data

    def save(self, commit=True):
        meeting = super().save(commit=commit)
        if commit:
            meeting.objectives.set(self.objectives)
        return meeting


class BriefingForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = Briefing
        fields = ["topic", "purpose", "force_asked", "executive_summary", "expectations",
                  "focus", "status"]
        widgets = {name: forms.Textarea(attrs={"rows": 5}) for name in
                   ["purpose", "force_asked", "executive_summary", "expectations", "focus"]}
        error_messages = {
            "topic": {"required": "Enter the topic, for example Reporting and Response"},
            "purpose": {"required": "Enter the meeting's purpose"},
            "force_asked": {"required": "Say what the force is asked to provide"},
            "executive_summary": {"required": "Enter the executive summary"},
            "expectations": {"required": "Enter at least one of the OPCC's expectations"},
        }


class StartFromForm(GovukFormMixin, forms.Form):
    """A new briefing can start as a copy of an earlier one on the same objective."""

    previous = forms.ModelChoiceField(
        label="Start from an earlier briefing", queryset=Briefing.objects.none(),
        required=False, empty_label="Start with a blank briefing",
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["previous"].queryset = Briefing.objects.filter(
            meeting__objectives__in=meeting.objectives.all(), meeting__date__lt=meeting.date
        ).select_related("meeting").distinct().order_by("-meeting__date")


class BankChoiceForm(forms.Form):
    """Questions from the bank to add to a briefing."""

    questions = forms.ModelMultipleChoiceField(
        label="Questions from the bank", queryset=Question.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one question to add"},
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.bank = choices
        self.fields["questions"].queryset = choices


class NewQuestionForm(GovukFormMixin, forms.Form):
    theme = forms.ModelChoiceField(
        queryset=Theme.objects.all(), empty_label="Choose a theme",
        error_messages={"required": "Choose the theme the question comes under"},
    )
    text = forms.CharField(
        label="Question", widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the question"},
    )

    def clean_text(self):
        text = " ".join(self.cleaned_data["text"].split())
        if not text:
            raise ValidationError("Enter the question")
        return text


def note_label(note: OutcomeNote) -> str:
    return f"The note of {timezone.localtime(note.recorded_at):%-d %B %Y %H:%M}: {note.text[:60]}"


class OutcomeForm(GovukFormMixin, forms.Form):
    """Notes, the meeting's status and an assurance rating for each objective."""

    status = forms.ChoiceField(choices=MeetingStatus.choices)
    note = forms.CharField(
        label="Add a note", required=False, widget=forms.Textarea(attrs={"rows": 8}),
        help_text="What the meeting found. A note can be mended for "
        f"{settings.STATEMENT_GRACE_MINUTES} minutes; after that it stands, and a "
        "later note corrects it.")
    corrects = forms.ModelChoiceField(
        label="This note corrects (optional)", required=False, queryset=OutcomeNote.objects.none(),
        empty_label="No earlier note", widget=forms.Select(attrs={"class": "govuk-select"}),
        error_messages={"invalid_choice": "Choose one of this meeting's notes"})

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        notes = meeting.outcome_notes.all()
        if notes:
            self.fields["corrects"].queryset = notes
            self.fields["corrects"].label_from_instance = note_label
        else:
            del self.fields["corrects"]
        self.objectives = list(meeting.objectives.all())
        ratings = {a.objective_id: a.rating for a in meeting.assurances.all()}
        for objective in self.objectives:
            self.fields[f"rating_{objective.pk}"] = forms.ChoiceField(
                label=f"Assurance on objective {objective}", required=False,
                choices=[("", "Not rated")] + Rating.choices,
                initial=ratings.get(objective.pk, ""),
                widget=forms.Select(attrs={"class": "govuk-select"}),
            )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("corrects") and not (cleaned.get("note") or "").strip():
            self.add_error("note", "Enter the note that corrects the earlier one")
        return cleaned

    def ratings(self) -> dict:
        """objective -> rating ("" when not rated)."""
        return {o: self.cleaned_data[f"rating_{o.pk}"] for o in self.objectives}


class ActionForm(GovukFormMixin, forms.ModelForm):
    due_date = day_field("Date due", missing="Enter the date due", example="2 August 2022")

    class Meta:
        model = Action
        fields = ["description", "owner", "organisation", "due_date", "status"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}
        error_messages = {"description": {"required": "Describe the action"},
                          "owner": {"required": "Say who owns the action"}}


ActionFormSet = forms.inlineformset_factory(
    Meeting, Action, form=ActionForm, extra=2, can_delete=True, max_num=50, absolute_max=50
)


class ActionFilterForm(forms.Form):
    """Which actions the log lists: open, overdue or all; whose; overdue on which day."""

    FILTERS = {"open": "Open", "overdue": "Overdue", "all": "All"}

    show = forms.ChoiceField(required=False, choices=list(FILTERS.items()))
    organisation = forms.ChoiceField(required=False, choices=[("", "Anyone"), *Owner.choices])
    as_of = forms.DateField(required=False)

    def wanted(self, name, default=""):
        return (self.cleaned_data.get(name) if self.is_valid() else None) or default

    def actions(self, today):
        """(the actions to list, the day overdue is judged on)."""
        today = self.wanted("as_of", today)
        return Action.objects.in_log(self.wanted("show", "open"), self.wanted("organisation"),
                                     today), today
