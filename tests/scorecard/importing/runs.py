"""`run`: read a file's bytes and check (or import) them as the upload page does."""

from scorecard.importing.reading import read_table
from scorecard.importing.service import import_values
from tests.scorecard_data import THIS_MONTH


def run(data: bytes, *, write=True, name="values.csv", reason="", limit=None):
    table = read_table(name, data, limit)
    return import_values(table, this_month=THIS_MONTH, write=write, reason=reason,
                         source="test")
