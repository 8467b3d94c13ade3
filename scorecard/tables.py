"""KPI tables (django-tables2): the rows come from kpi_rows, already formatted."""

import django_tables2 as tables
from django.utils.html import format_html

from oversight.core.tables import NUMERIC, CaptionedTable
from scorecard.formats import month_label
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

    def __init__(self, rows, month, **options):
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

    def __init__(self, rows, month, **options):
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
