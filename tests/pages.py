"""Helpers for page tests: what a page's tables say, and how many queries it issues."""

from html.parser import HTMLParser

from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries_of(client, url) -> int:
    """Queries a second request for `url` issues (the first computes the figures)."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured)


def cells(response):
    """The page's table rows as lists of cell text (headers too), every table in turn."""

    class Rows(HTMLParser):
        def __init__(self):
            super().__init__()
            self.rows, self.cell, self.inside = [], None, False

        def handle_starttag(self, tag, attrs):
            if tag == "tr":
                self.rows.append([])
            elif tag in ("td", "th"):
                self.cell = []
            elif tag == "title":
                self.inside = True

        def handle_endtag(self, tag):
            if tag in ("td", "th") and self.cell is not None:
                self.rows[-1].append(" ".join("".join(self.cell).split()))
                self.cell = None
            elif tag == "title":
                self.inside = False

        def handle_data(self, data):
            if self.cell is not None and not self.inside:
                self.cell.append(data)

    parser = Rows()
    parser.feed(response.content.decode())
    return parser.rows


def page_text(response) -> str:
    """The page's visible text (title and scripts left out), whitespace collapsed."""

    class Text(HTMLParser):
        def __init__(self):
            super().__init__()
            self.parts, self.skipping = [], 0

        def handle_starttag(self, tag, attrs):
            self.skipping += tag in ("title", "script", "style")

        def handle_endtag(self, tag):
            self.skipping -= tag in ("title", "script", "style")

        def handle_data(self, data):
            if not self.skipping:
                self.parts.append(data)

    parser = Text()
    parser.feed(response.content.decode())
    return " ".join(" ".join(parser.parts).split())


def table_rows(response, leaving_out: str = "") -> list[list[list[str]]]:
    """Each table's body rows (cells' text), table by table; a table's one-cell
    "nothing to show" row is left out, and so are tables of class `leaving_out`."""

    class Tables(HTMLParser):
        def __init__(self):
            super().__init__()
            self.tables, self.row, self.cell, self.in_body = [], None, None, False
            self.left_out = set()

        def handle_starttag(self, tag, attrs):
            if tag == "table":
                self.tables.append([])
                if leaving_out and leaving_out in (dict(attrs).get("class") or "").split():
                    self.left_out.add(len(self.tables) - 1)
            elif tag == "tbody":
                self.in_body = True
            elif tag == "tr" and self.in_body:
                self.row = []
            elif tag in ("td", "th") and self.row is not None:
                self.cell = []

        def handle_endtag(self, tag):
            if tag == "tbody":
                self.in_body = False
            elif tag in ("td", "th") and self.cell is not None:
                self.row.append(" ".join("".join(self.cell).split()))
                self.cell = None
            elif tag == "tr" and self.row is not None:
                if len(self.row) > 1:
                    self.tables[-1].append(self.row)
                self.row = None

        def handle_data(self, data):
            if self.cell is not None:
                self.cell.append(data)

    parser = Tables()
    parser.feed(response.content.decode())
    return [rows for n, rows in enumerate(parser.tables) if n not in parser.left_out]
