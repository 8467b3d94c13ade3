"""Display values for templates and tables."""

from django.utils.html import format_html


def tag(text, colour) -> str:
    """A GOV.UK tag: the words carry the meaning, the colour only repeats it."""
    return format_html('<strong class="govuk-tag govuk-tag--{}">{}</strong>', colour, text)
