"""Rendering a report's document (plain JSON data) in templates: its KPI
tables' cells and trend lines, and its charts. (Stored dates and tags use the
portal's `day` and `as_tag` filters.)"""

import math
from datetime import date

from django import template
from django.utils.html import format_html

from scorecard.formats import add_months
from scorecard.sparkline import sparkline
from scorecard.tables import TAG

register = template.Library()
NUMERIC = {"month", "three_months", "twelve_months", "year_on_year", "weighting"}


@register.filter
def numeric(name) -> bool:
    return name in NUMERIC


@register.simple_tag
def header(part, name):
    return part["headers"].get(name, "Trend Line (Up to 3 Years' Data)")


@register.simple_tag
def report_cell(row, name, month_iso):
    """One cell of a stored KPI row, drawn as the scorecard's table draws it."""
    if name == "trend_line":
        values = [math.nan if v is None else v for v in row["trend_line"]]
        month = date.fromisoformat(month_iso)
        months = [add_months(month, i - len(values) + 1) for i in range(len(values))]
        return sparkline(values, months, row["unit"])
    if name == "exceptions" and row["exceptions"]:
        return format_html('{} <strong class="govuk-tag {}">{}</strong>', row["exceptions"],
                           TAG[row["movement"]], row["movement"].capitalize())
    return row["cells"].get(name, "")


@register.filter
def revived(chart):
    """A stored chart with its months as dates again, for scorecard/_chart.html."""
    return {**chart, "months": [{**point, "month": date.fromisoformat(point["month"][:10])}
                                for point in chart["months"]]}
