"""Monthly values as an upload file: exporting and importing it again changes nothing."""

import csv
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from oversight.core.formulas import safe
from scorecard.formats import month_key
from scorecard.importing.values import COLUMNS
from scorecard.models import Aggregation, MonthlyValue

if TYPE_CHECKING:
    from _typeshed import SupportsWrite


def plain(number: Decimal | None) -> str:
    """9429.0000 as "9429": the number as a person would type it."""
    if number is None:
        return ""
    return format(number.normalize(), "f")


def value_rows(values: Iterable[MonthlyValue]) -> Iterator[list[str]]:
    """Rows of COLUMNS for MonthlyValue rows (with measure and area selected)."""
    for v in values:
        ratio = v.measure.aggregation == Aggregation.RATIO
        yield [
            v.measure.code, v.area.code, month_key(v.month),
            "" if ratio else plain(v.value), plain(v.numerator), plain(v.denominator),
            plain(v.weight), safe(v.note),
        ]


def write_values(out: "SupportsWrite[str]", values: QuerySet[MonthlyValue] | None = None) -> int:
    """Write values (default: all) as CSV to the text stream `out`; returns the count."""
    if values is None:
        values = MonthlyValue.objects.all()
    values = values.select_related("measure", "area").order_by(
        "measure__code", "area__code", "month")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    count = 0
    for row in value_rows(values.iterator(chunk_size=5000)):
        writer.writerow(row)
        count += 1
    return count
