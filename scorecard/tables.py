"""The scorecard's tables (django-tables2): KPI tables, whose rows come from kpi_rows
already formatted, then the catalogue, a measure's values and revisions, and uploads."""

import math

import django_tables2 as tables
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from oversight.core.tables import NUMERIC, ROW_HEADER, CaptionedTable, ListTable
from scorecard.formats import format_value, month_label
from scorecard.kpi_rows import headers, show_thresholds, trend_line

TAG = {"improvement": "govuk-tag--green", "concern": "govuk-tag--red", "change": "govuk-tag--grey"}


def exceptions_cell(row):
    """The rules in words, then what they mean, in text as well as colour."""
    text = row.figures.get("exceptions")
    if not text:
        return ""
    return format_html('{} <strong class="govuk-tag {}">{}</strong>', text,
                       TAG[row.movement], row.movement.capitalize())


def measure_cell(row):
    return format_html('<a class="govuk-link" href="{}#area-{}">{}</a>', row.url,
                       row.area.code, row.label)


def cell(name, **options):
    return tables.Column(accessor=f"cells__{name}", orderable=False, **options)


class KpiTable(CaptionedTable):
    """One topic's KPI table, with seed 001's columns and headers."""

    measure = tables.Column(accessor="label", order_by=("position",))
    trend_line = tables.Column(accessor="label", orderable=False, empty_values=())
    month = cell("month", attrs=NUMERIC)
    three_months = cell("three_months", attrs=NUMERIC)
    twelve_months = cell("twelve_months", attrs=NUMERIC)
    year_on_year = cell("year_on_year", attrs=NUMERIC)
    trend = cell("trend")
    exceptions = tables.Column(accessor="label", orderable=False, empty_values=())
    weighting = tables.Column(accessor="weighting", attrs=NUMERIC,
                              order_by=("weighting", "position"))
    thresholds = cell("thresholds")

    class Meta:
        order_by = ("measure",)
        default = ""
        empty_text = "This topic has no measures."

    def __init__(self, rows, month, **options) -> None:
        exclude = () if show_thresholds(rows) else ("thresholds",)
        super().__init__(rows, exclude=exclude, **options)
        self.month = month
        for name, title in headers(month).items():
            if name in self.columns.names():
                self.columns[name].column.verbose_name = title

    def render_measure(self, record):
        return measure_cell(record)

    def render_exceptions(self, record):
        return exceptions_cell(record)

    def render_trend_line(self, record):
        return trend_line(record, self.month)


class AttentionTable(CaptionedTable):
    """Every measure × area, ranked by exception weighting."""

    measure = tables.Column(accessor="label", orderable=False)
    topic = tables.Column(accessor="measure__topic__name", orderable=False)
    exceptions = tables.Column(accessor="label", orderable=False, empty_values=(),
                               verbose_name="Statistical Exceptions")
    trend = cell("trend", verbose_name="Rolling 12 Month Trend")
    year_on_year = cell("year_on_year", verbose_name="Year-on-year change", attrs=NUMERIC)
    weighting = tables.Column(accessor="weighting", orderable=False, attrs=NUMERIC,
                              verbose_name="Exception Weighting")

    class Meta:
        default = ""
        empty_text = "No measures match."

    def render_measure(self, record):
        return measure_cell(record)

    def render_exceptions(self, record):
        return exceptions_cell(record)


class TopMeasuresTable(AttentionTable):
    """A few rows ranked by exception weighting, each with its trend line."""

    trend_line = tables.Column(accessor="label", orderable=False, empty_values=(),
                               verbose_name="Trend Line (Up to 3 Years' Data)")

    class Meta(AttentionTable.Meta):
        sequence = ("measure", "trend_line", "...")
        empty_text = "No measure has an exception weighting above zero."

    def __init__(self, rows, month, **options) -> None:
        super().__init__(rows, exclude=("topic",), **options)
        self.month = month

    def render_trend_line(self, record):
        return trend_line(record, self.month)


class FreshnessTable(CaptionedTable):
    measure = tables.Column(accessor="label", orderable=False)
    topic = tables.Column(accessor="measure__topic__name", orderable=False)
    latest = tables.Column(verbose_name="Latest month held", orderable=False, default="No data")
    missing = tables.Column(verbose_name="Last month's data", orderable=False, empty_values=())

    class Meta:
        default = ""
        empty_text = "There are no active measures."

    def render_measure(self, record):
        return measure_cell(record)

    def render_latest(self, value):
        return month_label(value)

    def render_missing(self, record):
        colour, text = ("red", "Missing") if record.missing else ("green", "Received")
        return format_html('<strong class="govuk-tag govuk-tag--{}">{}</strong>', colour, text)


# --- The scorecard's other tables: measures, their values, revisions, uploads ---


class UnitColumn(tables.Column):
    """A numeric cell in a unit: the measure's own (`unit=None`) or a fixed one."""

    def __init__(self, verbose_name: str, unit: str | None = None, **options) -> None:
        super().__init__(verbose_name=verbose_name, attrs=NUMERIC, empty_values=(), **options)
        self.unit = unit

    def render(self, value, table):
        return format_value(self.unit or table.unit, value)


class MeasureListTable(ListTable):
    """One topic's measures in the catalogue."""

    name = tables.Column(verbose_name="Measure", attrs=ROW_HEADER)
    code = tables.Column(verbose_name="Code")
    unit = tables.Column(verbose_name="Unit", accessor="get_unit_display")
    areas = tables.Column(verbose_name="Areas", empty_values=())

    def render_name(self, value, record):
        link = format_html('<a class="govuk-link" href="{}">{}</a>', record.get_absolute_url(),
                           value)
        if record.active:
            return link
        return format_html('{} <strong class="govuk-tag govuk-tag--grey">Inactive</strong>', link)

    def render_areas(self, record):
        return ", ".join(area.name for area in record.areas.all())


class SettingsTable(ListTable):
    """The KPI method's current settings, one per row."""

    setting = tables.Column(verbose_name="Setting", attrs=ROW_HEADER)
    value = tables.Column(verbose_name="Value", attrs=NUMERIC)


def settings_table(method) -> SettingsTable:
    rows = [
        ("Trend threshold (% of the 12 months' average)", method.trend_threshold),
        ("Rule weights: One, Two, Three, Eight", ", ".join(str(w) for w in (
            method.weight_one, method.weight_two, method.weight_three, method.weight_eight))),
        ("Direction score: trend and year-on-year agree", method.same_direction_score),
        ("Direction score: they point opposite ways", method.opposite_direction_score),
        ("Direction score: no trend, a large year-on-year change", method.large_change_score),
        ("A large year-on-year change (% or % points)", method.large_change),
        ("Months a baseline needs", method.minimum_baseline),
    ]
    return SettingsTable([{"setting": s, "value": v} for s, v in rows],
                         caption="Settings of the method")


class MeasureTable(ListTable):
    """Rows of one measure: its unit is the table's."""

    def __init__(self, rows, measure, **options) -> None:
        super().__init__(rows, **options)
        self.unit = measure.unit


class ComparatorTable(MeasureTable):
    period = tables.Column(verbose_name="Period", empty_values=())
    label = tables.Column(verbose_name="Compared with", attrs=ROW_HEADER)
    value = UnitColumn("Value")
    source = tables.Column(verbose_name="Source")

    def render_period(self, record) -> str:
        return f"{record.period_start:%b %Y} – {record.period_end:%b %Y}"


class RecentValuesTable(MeasureTable):
    """A measure's recent monthly values; ratio and weight columns only where the
    measure uses them."""

    month = tables.DateColumn(format="M-Y", verbose_name="Month", attrs=ROW_HEADER)
    area = tables.Column(verbose_name="Area", accessor="area__name")
    value = UnitColumn("Value")
    numerator = UnitColumn("Numerator", unit="count")
    denominator = UnitColumn("Denominator", unit="count")
    weight = UnitColumn("Weight", unit="number")
    note = tables.Column(verbose_name="Note", default="")

    def __init__(self, values, measure, **options) -> None:
        exclude = (() if measure.uses_ratio else ("numerator", "denominator")) + (
            () if measure.uses_weight else ("weight",))
        super().__init__(values, measure, exclude=exclude, **options)


class MeasureRevisionTable(ListTable):
    when = tables.DateTimeColumn(format="j M Y H:i", verbose_name="When")
    who = tables.Column(verbose_name="Who", default="")
    what = tables.Column(verbose_name="What", empty_values=())
    changes = tables.Column(verbose_name="Change", empty_values=())
    reason = tables.Column(verbose_name="Reason", default="")

    def render_what(self, record) -> str:
        return f"{record.action} {record.what}"

    def render_changes(self, value):
        return format_html_join(mark_safe("<br>"), "{}: {}{}", (
            (name, format_html("{} → ", old) if old else "", new) for name, old, new in value))


class ProblemTable(ListTable):
    row = tables.Column(verbose_name="Row", attrs=NUMERIC)
    column = tables.Column(verbose_name="Column")
    message = tables.Column(verbose_name="Problem")


class ChangeTable(ListTable):
    row = tables.Column(verbose_name="Row", attrs=NUMERIC)
    measure = tables.Column(verbose_name="Measure")
    area = tables.Column(verbose_name="Area")
    month = tables.Column(verbose_name="Month")
    fields = tables.Column(verbose_name="Change")

    def render_fields(self, value):
        return format_html_join(mark_safe("<br>"), "{}: {} → {}", value)


class ChartDataTable(ListTable):
    """A chart's data as a table, for readers who cannot see the chart."""

    month = tables.DateColumn(format="M-Y", verbose_name="Month", attrs=ROW_HEADER)
    shown = tables.Column(verbose_name="Value", attrs=NUMERIC, default="")
    rules = tables.Column(verbose_name="Rules that hold", default="")

    def render_rules(self, value):
        return ", ".join(value)


class ReturnTable(ListTable):
    """A monthly return: a row of inputs for each measure and area, beside the
    month before. Rows are (row, its value fields, its note field)."""

    measure = tables.TemplateColumn(
        '{{ record.0.measure.name }}<br><span class="govuk-body-s">{{ record.0.area.name }} · '
        "{{ record.0.measure.get_unit_display }}</span>", verbose_name="Measure and area",
        attrs=ROW_HEADER, empty_values=())
    previous = tables.TemplateColumn(
        "{% load scorecard %}{{ record.0.previous.value|unit_value:record.0.measure.unit }}",
        attrs=NUMERIC, empty_values=())
    value = tables.TemplateColumn(template_name="scorecard/_return_value_cell.html",
                                  empty_values=())
    note = tables.TemplateColumn(
        '<label class="govuk-visually-hidden" for="{{ record.2.id_for_label }}">Note for '
        "{{ record.0.measure.name }}, {{ record.0.area.name }}</label>{{ record.2 }}",
        verbose_name="Note", empty_values=())

    class Meta:
        empty_text = "This topic has no active measures."
        attrs = {"class": "pcc-return"}

    def __init__(self, rows, month_label: str, previous_label: str, **options) -> None:
        super().__init__(rows, caption=f"Values for {month_label}", **options)
        self.columns["previous"].column.verbose_name = previous_label
        self.columns["value"].column.verbose_name = month_label


class DataRevisionTable(ListTable):
    """Each measure and area's revisions after first entry (scorecard.data_revisions)."""

    measure = tables.TemplateColumn(
        '<a class="govuk-link" href="{{ record.measure.get_absolute_url }}#revisions">'
        "{{ record.measure.name }}</a> – {{ record.area.name }}", verbose_name="Measure and area",
        attrs=ROW_HEADER)
    values = tables.Column(verbose_name="Values", attrs=NUMERIC)
    revised = tables.Column(verbose_name="Revised after first entry", attrs=NUMERIC,
                            empty_values=())
    median_change = tables.Column(verbose_name="Median size of a revision", attrs=NUMERIC,
                                  empty_values=())
    largest_change = tables.Column(verbose_name="Largest revision", attrs=NUMERIC,
                                   empty_values=())
    removed = tables.Column(verbose_name="Removed", attrs=NUMERIC)
    median_days = tables.Column(verbose_name="Median days after the month", attrs=NUMERIC,
                                empty_values=())

    class Meta:
        empty_text = "No values are held for these months."

    def render_revised(self, record) -> str:
        return f"{record.revised} ({record.share:.0f}%)"

    def render_median_change(self, value) -> str:
        return "–" if math.isnan(value) else f"{value:.1f}%"

    def render_largest_change(self, value) -> str:
        return "–" if math.isnan(value) else f"{value:.1f}%"

    def render_median_days(self, value) -> str:
        return "–" if math.isnan(value) else f"{value:.0f}"
