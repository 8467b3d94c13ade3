"""The table base every portal table builds on."""

import django_tables2 as tables

NUMERIC = {
    "th": {"class": "govuk-table__header--numeric"},
    "td": {"class": "govuk-table__cell--numeric"},
}


class CaptionedTable(tables.Table):
    """A table with a caption, which the shared table template shows."""

    def __init__(self, *args, caption="", **options):
        super().__init__(*args, **options)
        self.caption = caption
