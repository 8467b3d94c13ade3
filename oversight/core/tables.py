"""The table base every portal table builds on, and the one template that draws
them all (`tables/govuk_table.html`, GOV.UK's table markup)."""

from typing import Any

import django_tables2 as tables

NUMERIC = {
    "th": {"class": "govuk-table__header--numeric"},
    "td": {"class": "govuk-table__cell--numeric"},
}
def field(item: Any, name: str) -> Any:
    """A field of a live object or of its stored copy (a dict, in a published
    report), as a column's accessor reads it."""
    return tables.A(name).resolve(item)


# A column whose cells head their rows: the template draws them as <th scope="row">.
ROW_HEADER = {"row_header": True}


class CaptionedTable(tables.Table):
    """A table with a caption, which the shared table template shows.

    `caption_size` is GOV.UK's caption size (s, m or l); a hidden caption is
    still read by screen readers. Extra classes on the table go in `attrs`."""

    def __init__(self, *args: Any, caption: str = "", caption_size: str = "m",
                 caption_hidden: bool = False, **options: Any) -> None:
        super().__init__(*args, **options)
        self.caption = caption
        self.caption_size = caption_size
        self.caption_hidden = caption_hidden


class ListTable(CaptionedTable):
    """A table of rows already in the order the page wants (a list of objects or
    dicts): not sortable by its headings."""

    def __init__(self, *args: Any, **options: Any) -> None:
        options.setdefault("orderable", False)
        super().__init__(*args, **options)
