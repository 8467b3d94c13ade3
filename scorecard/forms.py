"""The scorecard's forms: choosing a return, entering it, and uploading a file."""

from datetime import date
from decimal import Decimal

import pandas as pd
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator

from oversight.core.forms import GovukFormMixin
from oversight.core.formulas import FORMULA_PATTERN
from scorecard.formats import format_duration, month_key, parse_duration, parse_month
from scorecard.models import Aggregation, Topic, Unit
from scorecard.rules import NOTE_MAX_LENGTH, NUMBER_COLUMNS, value_problems


class MonthField(forms.CharField):
    """"2023-10" to the first day of that month."""

    def __init__(self, **kwargs):
        kwargs.setdefault("error_messages", {"required": "Enter a month"})
        super().__init__(**kwargs)
        self.widget.attrs.update({"class": "govuk-input govuk-input--width-10",
                                  "inputmode": "numeric", "placeholder": "YYYY-MM"})

    def prepare_value(self, value):
        return month_key(value) if isinstance(value, date) else value

    def clean(self, value):
        text = super().clean(value)
        month = parse_month(text) if text else None
        if text and month is None:
            raise ValidationError("Enter the month as YYYY-MM, for example 2023-10")
        return month


class DurationTextField(forms.CharField):
    """"01:33:15" to 5,595 seconds."""

    def prepare_value(self, value):
        return format_duration(value) if isinstance(value, int | float | Decimal) else value

    def has_changed(self, initial, data):
        # Compared as shown: a stored 5,899.66 s is "01:38:20", unchanged.
        return (self.prepare_value(initial) or "") != (data or "").strip()

    def to_python(self, value):
        text = super().to_python(value)
        if not text:
            return None
        seconds = parse_duration(text)
        if seconds is None:
            raise ValidationError("Enter a time as hh:mm:ss, for example 01:33:15")
        return seconds


class ChooseReturnForm(GovukFormMixin, forms.Form):
    topic = forms.ModelChoiceField(
        queryset=Topic.objects.all(),
        empty_label="Choose a topic",
        error_messages={"required": "Choose a topic"},
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )
    month = MonthField(label="Month", help_text="For example 2023-10.")

    def __init__(self, *args, this_month: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.this_month = this_month

    def clean_month(self):
        month = self.cleaned_data["month"]
        if month and month > self.this_month:
            raise ValidationError("The month cannot be in the future")
        return month


def _number_field(unit: str, label: str) -> forms.Field:
    attrs = {"class": "govuk-input govuk-input--width-10", "inputmode": "decimal"}
    field: forms.Field
    if unit == Unit.DURATION:
        field = DurationTextField(label=label, required=False)
        attrs["spellcheck"] = "false"
    elif unit == Unit.COUNT:
        field = forms.IntegerField(label=label, required=False)
        attrs["inputmode"] = "numeric"
    else:
        field = forms.DecimalField(label=label, required=False, decimal_places=4)
    field.error_messages.update(
        invalid=f"Enter {label} as a number",
        max_decimal_places=f"Enter {label} with at most 4 decimal places",
    )
    if unit == Unit.COUNT:
        field.error_messages["invalid"] = f"Enter {label} as a whole number"
    field.widget = forms.TextInput(attrs=attrs)
    return field


def _plain(number):
    """A stored Decimal("9429.0000") as the user typed it: 9429."""
    if number is None:
        return None
    return int(number) if number == number.to_integral_value() else number.normalize()


def row_columns(measure) -> list[str]:
    """The number columns a measure's monthly value needs."""
    if measure.aggregation == Aggregation.RATIO:
        return ["numerator", "denominator"]
    if measure.aggregation == Aggregation.WEIGHTED_MEAN:
        return ["value", "weight"]
    return ["value"]


def reason_field(label: str, hint: str) -> forms.CharField:
    """Why stored values change: the services insist on it when they do."""
    return forms.CharField(
        label=label, help_text=hint, required=False,
        widget=forms.Textarea(attrs={"class": "govuk-textarea", "rows": 3}),
    )


class MonthlyReturnForm(GovukFormMixin, forms.Form):
    """One row of inputs per measure and area, prefilled with what is stored."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = reason_field(
        "Reason for changing stored values",
        "Needed only when you change a value that is already stored.",
    )

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            self._add_row_fields(row)

    def _add_row_fields(self, row):
        name = f"{row.measure.name}, {row.area.name}"
        for column in row_columns(row.measure):
            unit = row.measure.unit if column == "value" else Unit.NUMBER
            self.fields[f"{row.key}-{column}"] = _number_field(unit, f"{column} for {name}")
            if row.stored is not None:
                self.initial.setdefault(f"{row.key}-{column}", _plain(getattr(row.stored, column)))
        self.fields[f"{row.key}-note"] = forms.CharField(
            label=f"note for {name}", required=False, max_length=NOTE_MAX_LENGTH,
            validators=[RegexValidator(
                FORMULA_PATTERN, inverse_match=True,
                message="A note cannot start with = + - or @ unless it is a number (spreadsheets "
                "would run it as a formula)")],
            widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-20"}),
        )
        if row.stored is not None:
            self.initial.setdefault(f"{row.key}-note", row.stored.note)

    def row_fields(self, row):
        return [self[f"{row.key}-{column}"] for column in row_columns(row.measure)]

    def note_field(self, row):
        return self[f"{row.key}-note"]

    def clean(self):
        data = super().clean()
        entered = []
        changed = set(self.changed_data)
        for row in self.rows:
            names = {f"{row.key}-{c}" for c in [*row_columns(row.measure), "note"]}
            if row.stored is not None and not names & changed:
                # Untouched: a stored 5,899.66 s shown as 01:38:20 is not a change.
                continue
            numbers = {c: data.get(f"{row.key}-{c}") for c in row_columns(row.measure)}
            if any(f"{row.key}-{c}" in self.errors for c in numbers):
                continue
            if all(v is None for v in numbers.values()):
                if row.stored is not None:
                    self.add_error(
                        f"{row.key}-{row_columns(row.measure)[0]}",
                        f"Enter {row_columns(row.measure)[0]} for {row.measure.name}, "
                        f"{row.area.name}: a stored value cannot be removed here",
                    )
                continue
            entered.append((row, numbers))
        self._check_rules(entered)
        self.entries = {
            (row.link.measure_id, row.link.area_id): {
                **{c: numbers.get(c) for c in NUMBER_COLUMNS},
                "aggregation": row.measure.aggregation,
                "note": data.get(f"{row.key}-note") or "",
            }
            for row, numbers in entered
        }
        return data

    def _check_rules(self, entered):
        """The same rules as the bulk upload (scorecard/rules.py)."""
        if not entered:
            return
        frame = pd.DataFrame(
            [
                {"row": index, "unit": row.measure.unit, "aggregation": row.measure.aggregation,
                 **{c: float(numbers[c]) if numbers.get(c) is not None else None
                    for c in NUMBER_COLUMNS}}
                for index, (row, numbers) in enumerate(entered)
            ]
        ).astype({c: float for c in NUMBER_COLUMNS})
        for index, column, message in value_problems(frame).itertuples(index=False):
            row = entered[index][0]
            self.add_error(f"{row.key}-{column}", f"{message} ({row.measure.name}, "
                                                   f"{row.area.name})")


class UploadForm(GovukFormMixin, forms.Form):
    file = forms.FileField(
        label="Upload a file",
        help_text="A CSV or Excel (.xlsx) file with the columns measure, area, month, "
        "value, numerator, denominator, weight and note.",
        error_messages={
            "required": "Select a CSV or Excel file",
            "empty": "The selected file is empty",
        },
        widget=forms.ClearableFileInput(
            attrs={"class": "govuk-file-upload", "accept": ".csv,.xlsx"}
        ),
    )


class ConfirmImportForm(GovukFormMixin, forms.Form):
    fingerprint = forms.CharField(widget=forms.HiddenInput)
    reason = reason_field(
        "Reason for the changes", "Needed when the file changes values that are already stored."
    )
