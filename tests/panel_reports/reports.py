"""The reporting period the panel report tests use, and how they read a topic part's
KPI rows."""

import datetime

from django.urls import reverse

from tests.pages import cells

SEP, DEC = datetime.date(2023, 9, 1), datetime.date(2023, 12, 1)


def topic_url(report, kpi_data):
    return reverse("panel_reports:part", args=[report.pk, f"topic-{kpi_data['topic'].code}"])


def kpi_cells(response):
    return {row[0]: row for row in cells(response) if row and row[0].startswith(
        ("Call Answered", "Abandonment", "Average Time"))}
