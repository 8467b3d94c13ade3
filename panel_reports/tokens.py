"""Figure tokens in a report's SO WHAT text: `[[CCC-999-ANS:year_on_year]]`, or
with an area, `[[RT-PRI-ART/SWINDON:month]]`. A token is replaced by the
figure its KPI table prints, so the text and the table cannot disagree.

Pure: the figures come in as a FigureBook built from KPI rows.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from scorecard.kpi_rows import FIGURES, KpiRow, figure_text

TOKEN = re.compile(r"\[\[(.*?)\]\]")
SHAPE = re.compile(r"^\s*([A-Za-z0-9_.-]+)(?:/([A-Za-z0-9_]+))?\s*:\s*([a-z_]+)\s*$")
MISSING = "–"


class TokenError(ValueError):
    pass


@dataclass
class FigureBook:
    """The figures of the rows a report shows, by measure code and area code."""

    rows: dict[tuple[str, str], KpiRow] = field(default_factory=dict)  # (measure, area) codes
    areas: dict[str, list[str]] = field(default_factory=dict)  # measure -> area codes
    force: dict[str, str] = field(default_factory=dict)  # measure code -> the force's area

    def add(self, row: KpiRow) -> None:
        code, area = row.measure.code, row.area.code
        self.rows[(code, area)] = row
        self.areas.setdefault(code, []).append(area)
        if row.area.is_force:
            self.force[code] = area

    def figure(self, text: str) -> str:
        """The figure a token's inner text names; TokenError says what is wrong."""
        match = SHAPE.match(text)
        if not match:
            raise TokenError(f"[[{text}]] is not a figure token: write "
                             "[[MEASURE:figure]] or [[MEASURE/AREA:figure]].")
        code, area, name = match[1].upper(), (match[2] or "").upper(), match[3]
        if name not in FIGURES:
            raise TokenError(f"[[{text}]] names no figure “{name}”: use one of "
                             f"{', '.join(FIGURES)}.")
        if code not in self.areas:
            raise TokenError(f"[[{text}]]: measure {code} is not in this report.")
        area = area or self._default_area(text, code)
        if (code, area) not in self.rows:
            raise TokenError(f"[[{text}]]: measure {code} is not reported for area {area}; "
                             f"use {' or '.join(self.areas[code])}.")
        text_of_figure: str = figure_text(self.rows[(code, area)], name)
        return text_of_figure or MISSING

    def _default_area(self, text: str, code: str) -> str:
        areas = self.areas[code]
        if code in self.force or len(areas) == 1:
            return self.force.get(code, areas[0])
        raise TokenError(
            f"[[{text}]]: measure {code} is reported for {' and '.join(areas)}; name one, "
            f"for example [[{code}/{areas[0]}:{text.split(':')[-1].strip()}]].")


def book_of(rows: Iterable[KpiRow]) -> FigureBook:
    book = FigureBook()
    for row in rows:
        book.add(row)
    return book


def problems(text: str, book: FigureBook) -> list[str]:
    """What is wrong with each token in the text, in order; empty if none."""
    found = []
    for match in TOKEN.finditer(text):
        try:
            book.figure(match[1])
        except TokenError as error:
            found.append(str(error))
    return found


def render(text: str, book: FigureBook) -> str:
    """The text with every token replaced by its figure (check `problems` first)."""
    return TOKEN.sub(lambda match: book.figure(match[1]), text)


def token(row: KpiRow, name: str) -> str:
    """The token for a row's figure: the area is named unless it is the force."""
    area = "" if row.area.is_force else f"/{row.area.code}"
    return f"[[{row.measure.code}{area}:{name}]]"
