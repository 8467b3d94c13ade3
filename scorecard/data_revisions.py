"""The "data revisions" figures as pages show them: each measure and area's
revisions after first entry (scorecard.revision_stats), over the latest
three years of months held, in words and numbers."""

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from scorecard.computing import month_range
from scorecard.formats import add_months, month_label
from scorecard.history import value_revisions
from scorecard.models import Area, Measure

WINDOW_MONTHS = 36


@dataclass
class SeriesRevisions:
    measure: Measure
    area: Area
    values: int
    revised: int
    share: float  # per cent of values
    median_change: float  # per cent of the figure first entered (NaN: none measurable)
    largest_change: float
    removed: int
    median_days: float  # after the end of the value's month (NaN: none revised)

    @property
    def summary(self) -> str:
        """"4 of 36 values (11%) revised, by a median of 2.1% (largest 8.0%),
        a median of 41 days after their month"."""
        if not self.revised:
            return f"None of {self.values} value{'s' * (self.values != 1)} revised"
        text = f"{self.revised} of {self.values} values ({percent(self.share)}) revised"
        if not math.isnan(self.median_change):
            text += (f", by a median of {percent(self.median_change, 1)} "
                     f"(largest {percent(self.largest_change, 1)})")
        if self.removed:
            text += f", {self.removed} removed"
        return f"{text}, a median of {days(self.median_days)} after their month"


def percent(number: float, places: int = 0) -> str:
    return f"{number:.{places}f}%"


def days(number: float) -> str:
    whole = round(number)
    return f"{whole} day{'s' * (whole != 1)}"


def window(measures: Iterable[Measure] | None = None) -> tuple[date, date] | None:
    """The latest WINDOW_MONTHS months with data (first, last), or None."""
    held = month_range(list(measures) if measures is not None else None)
    return (add_months(held[0], 1 - WINDOW_MONTHS), held[0]) if held else None


def series_revisions(measures: list[Measure], first: date, last: date) -> list[SeriesRevisions]:
    """Each series of `measures` (areas prefetched) with values in first..last,
    most revised first (by share, then count), then seed order."""
    figures = value_revisions(measures, first, last).set_index(["measure", "area"]).to_dict(
        "index")
    rows = []
    for position, measure in enumerate(measures):
        for area in measure.areas.all():
            if found := figures.get((measure.pk, area.pk)):
                rows.append((position, SeriesRevisions(
                    measure, area, int(found["values"]), int(found["revised"]),
                    float(found["share"]), float(found["median_change"]),
                    float(found["largest_change"]), int(found["removed"]),
                    float(found["median_days"]))))
    rows.sort(key=lambda item: (-item[1].share, -item[1].revised, item[0]))
    return [row for _, row in rows]


def window_label(first: date, last: date) -> str:
    return f"{month_label(first)} to {month_label(last)}"
