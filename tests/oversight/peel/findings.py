"""Series that show improvement sustained or broken, a measure holding one, and the
PEEL register's counts as the page shows them."""

from scorecard.models import Area
from tests.factories import MeasureFactory
from tests.pages import cells
from tests.scorecard_data import put_values

# 12 months around 10, then seven above it; the last six are above the centre
# line (the mean of all 19 months, 10.6), the first of the seven is not.
IMPROVING = [9, 11] * 6 + [10.5] + [12] * 6
BROKEN = [9, 11] * 6 + [12] * 3 + [9] + [12] * 3


def measure_with(values, polarity="up_is_good", name="Arrest Rate: DA"):
    force, _ = Area.objects.get_or_create(code="FORCE", defaults={"name": "Wiltshire Police"})
    measure = MeasureFactory(name=name, polarity=polarity, unit="number", aggregation="mean",
                             areas=[force])
    put_values(measure, force, values)
    return measure


def register_counts(response):
    """{kind: [counts by status…, total]} from the counts table."""
    rows = cells(response)
    start = rows.index(["Kind", "Open", "In progress", "Evidence submitted",
                        "Closed by HMICFRS", "Total"])
    return {row[0]: [int(n.split()[0]) for n in row[1:]] for row in rows[start + 1:start + 4]}
