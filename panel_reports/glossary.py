"""Acronyms in a report: each is marked up as an abbreviation where it is first
used, and every one used is listed at the report's end. Pure: the texts are
passed in document order and split into segments, (text, meaning or None)."""

import re

# A piece of text and, at an acronym's first use, its meaning.
Segment = list[str | None]


class Marker:
    def __init__(self, glossary: dict[str, str]) -> None:
        self.glossary = glossary
        self.used: list[str] = []  # in order of first use
        names = sorted(glossary, key=len, reverse=True)  # "DVPO/N" before "DV"
        self.pattern = re.compile(
            r"(?<![A-Za-z0-9])(" + "|".join(map(re.escape, names)) + r")(?![A-Za-z0-9])"
        ) if names else None

    def segments(self, text: str) -> list[Segment]:
        """The text as [text, meaning or None] pieces; a meaning only at first use."""
        if self.pattern is None:
            return [[text, None]] if text else []
        pieces: list[Segment] = []
        start = 0
        for match in self.pattern.finditer(text):
            name = match[1]
            first = name not in self.used
            if first:
                self.used.append(name)
                if match.start() > start:
                    pieces.append([text[start:match.start()], None])
                pieces.append([name, self.glossary[name]])
                start = match.end()
        if start < len(text):
            pieces.append([text[start:], None])
        return pieces

    def block(self, text: str) -> list[list[Segment]]:
        """Text written one point a line: each non-empty line, marked; a leading
        bullet character typed by the writer is dropped (the list draws its own)."""
        lines = (re.sub(r"^[-•*]\s+", "", line.strip()) for line in (text or "").splitlines())
        return [self.segments(line) for line in lines if line]

    def listed(self) -> list[dict[str, str]]:
        """The acronyms used, alphabetically, as the glossary prints them."""
        return [{"acronym": name, "meaning": self.glossary[name]}
                for name in sorted(self.used, key=str.casefold)]
