from datetime import date, timedelta

from django import template
from django.urls import reverse
from django.utils.html import format_html_join

from oversight.core.history import event_model
from oversight.core.presenters import day, tag
from oversight.delivery.presenters import activity_status_tag
from oversight.peel.presenters import finding_status_tag, rag_tag

register = template.Library()


@register.filter
def duration_in_words(value: timedelta) -> str:
    """A cool-off or a deadline in words: "30 minutes", "1 hour", "2 hours"."""
    minutes = round(value.total_seconds() / 60)
    if minutes >= 60 and minutes % 60 == 0:
        hours = minutes // 60
        return f"{hours} hour{'s' if hours != 1 else ''}"
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


@register.filter
def duty_state(occasion, today):
    """An occasion of a duty's state on `today`, in words."""
    return occasion.state(today).value


@register.filter
def isodate(value):
    """A day, whether a live record's date or a published document's ISO text."""
    return date.fromisoformat(value[:10]) if isinstance(value, str) and value else value


@register.filter
def paragraphs(text: str):
    """Text written in a textarea as GOV.UK paragraphs: a blank line or a new
    line starts the next paragraph."""
    lines = [line.strip() for line in (text or "").splitlines()]
    return format_html_join(
        "\n", '<p class="govuk-body">{}</p>', ((line,) for line in lines if line))


register.filter("finding_status", finding_status_tag)
register.filter("rag", rag_tag)
register.filter("activity_status", activity_status_tag)


@register.filter
def overdue_on(finding, today) -> bool:
    return finding.is_overdue(today)


register.filter("day", day)


@register.simple_tag
def history_url(record) -> str:
    """The address of `record`'s own history page."""
    return reverse("record_history", args=[event_model(type(record))._meta.label, record.pk])


@register.simple_tag(takes_context=True)
def query_without(context, name: str) -> str:
    """This page's address query with `name` left out ("?" and the rest)."""
    query = context["request"].GET.copy()
    query.pop(name, None)
    query.pop("page", None)
    return f"?{query.urlencode()}"


@register.filter
def as_tag(value):
    """A tag stored as data: {"text": …, "colour": …}."""
    return tag(value["text"], value["colour"])
