from django import template

from oversight.core.tables import field
from scorecard import figures, tables, uploads
from scorecard.formats import format_value

register = template.Library()


@register.filter
def unit_value(number, unit):
    """{{ value|unit_value:measure.unit }}: "9,429", "0.7%", "00:00:12"."""
    return format_value(unit, number)


# The scorecard's tables, built where a template has the rows in hand (in a loop
# or an included part) and drawn by the shared table template.


@register.filter
def measure_table(topic) -> tables.MeasureListTable:
    return tables.MeasureListTable(topic.measures.all(), caption=topic.name)


@register.filter
def settings_table(method) -> tables.SettingsTable:
    return tables.settings_table(method)


@register.simple_tag
def comparator_table(comparators, measure) -> tables.ComparatorTable:
    return tables.ComparatorTable(comparators, measure, caption_hidden=True,
                                  caption=f"{measure.name} beside other forces")


@register.simple_tag
def recent_values_table(values, measure) -> tables.RecentValuesTable:
    return tables.RecentValuesTable(values, measure, caption_hidden=True,
                                    caption=f"Recent monthly values of {measure.name}")


@register.simple_tag
def revision_table(revisions, measure) -> tables.MeasureRevisionTable:
    caption = f"The latest changes to {measure.name}, its areas, thresholds and values"
    return tables.MeasureRevisionTable(revisions, caption=caption, caption_hidden=True)


@register.filter
def problem_table(problems) -> tables.ProblemTable:
    """Problems as records (row, column, message), as found or as kept on an upload."""
    return tables.ProblemTable(problems, caption="Problems, by row", caption_hidden=True)


@register.filter
def change_table(upload) -> tables.ChangeTable:
    shown = len(upload.changes)
    more = f" (the first {shown})" if upload.changed > shown else ""
    return tables.ChangeTable(upload.changes, caption=f"Changes to stored values{more}")


@register.filter
def chart_data_table(chart) -> tables.ChartDataTable:
    """A live chart, or one stored in a published report (a dict)."""
    label = field(chart, "label")
    return tables.ChartDataTable(
        field(chart, "months"), caption_size="s",
        caption=f"{label}: monthly values and the rules that hold at each month")


@register.simple_tag
def return_table(rows, month_label, previous_label) -> tables.ReturnTable:
    return tables.ReturnTable(rows, month_label, previous_label)


@register.simple_tag
def values_being_loaded() -> bool:
    """Whether an upload is being imported (its values not yet visible)."""
    return uploads.being_imported()


@register.simple_tag
def figures_recomputing() -> bool:
    """Whether the figures shown are a version behind the data (being recomputed)."""
    return figures.recomputing()
