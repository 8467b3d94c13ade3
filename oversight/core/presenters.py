"""Display values for templates and tables."""

from datetime import date, datetime

from django.utils.dateformat import format as format_date
from django.utils.html import format_html


def tag(text: str, colour: str) -> str:
    """A GOV.UK tag: the words carry the meaning, the colour only repeats it."""
    return format_html('<strong class="govuk-tag govuk-tag--{}">{}</strong>', colour, text)


def day(value: date | str | None, style: str = "j F Y") -> str:
    """A date, or a stored one (ISO text, in a report), in a Django date format."""
    if not value:
        return ""
    if not isinstance(value, date):
        value = datetime.fromisoformat(value)
    return format_date(value, style)
