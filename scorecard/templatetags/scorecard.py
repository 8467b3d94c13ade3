from django import template

from scorecard.formats import format_value

register = template.Library()


@register.filter
def unit_value(number, unit):
    """{{ value|unit_value:measure.unit }}: "9,429", "0.7%", "00:00:12"."""
    return format_value(unit, number)
