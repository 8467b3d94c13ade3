"""The KPI table's trend line: a small SVG drawn on the server, with a text
alternative, so the table needs no JavaScript and prints as it shows."""

import math
from collections.abc import Iterator, Sequence
from datetime import date

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from scorecard.formats import format_value, month_label

WIDTH, HEIGHT, PAD = 120, 28, 2


def describe(values: Sequence[float], months: Sequence[date], unit: str) -> str:
    """The trend line in words: its span, lowest, highest and latest values."""
    points = [(v, m) for v, m in zip(values, months, strict=True) if not math.isnan(v)]
    if not points:
        return "No data to draw a trend line."
    low, high = min(points, key=lambda p: p[0]), max(points, key=lambda p: p[0])
    return (f"Monthly values {month_label(months[0])} to {month_label(months[-1])}: "
            f"lowest {format_value(unit, low[0])} in {month_label(low[1])}, "
            f"highest {format_value(unit, high[0])} in {month_label(high[1])}, "
            f"latest {format_value(unit, points[-1][0])}.")


def _runs(values: Sequence[float]) -> Iterator[list[tuple[int, float]]]:
    """Unbroken runs of (index, value): a month without data breaks the line."""
    run: list[tuple[int, float]] = []
    for index, value in enumerate(values):
        if math.isnan(value):
            if run:
                yield run
            run = []
        else:
            run.append((index, value))
    if run:
        yield run


def sparkline(values: Sequence[float], months: Sequence[date], unit: str) -> SafeString:
    text = describe(values, months, unit)
    known = [v for v in values if not math.isnan(v)]
    if not known:
        return format_html('<span class="govuk-body-s">{}</span>', text)
    low, high = min(known), max(known)
    span, steps = (high - low) or 1, max(len(values) - 1, 1)

    def point(index: int, value: float) -> str:
        x = PAD + index * (WIDTH - 2 * PAD) / steps
        y = HEIGHT - PAD - (value - low) * (HEIGHT - 2 * PAD) / span
        return f"{x:.1f},{y:.1f}"

    lines = format_html_join(
        "", '<polyline points="{}" fill="none" stroke="currentColor" stroke-width="1.5">'
        "</polyline>", ((" ".join(point(i, v) for i, v in run),) for run in _runs(values)))
    return format_html(
        '<svg class="pcc-sparkline" role="img" aria-label="{}" width="{}" height="{}" '
        'viewBox="0 0 {} {}" focusable="false"><title>{}</title>{}</svg>',
        text, WIDTH, HEIGHT, WIDTH, HEIGHT, text, lines)
