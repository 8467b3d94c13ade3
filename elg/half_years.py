"""Half-years, the period the ELG schedule is planned for: "2022-H2"."""

import re
from dataclasses import dataclass
from datetime import date

KEY = re.compile(r"^(\d{4})-H([12])$")


@dataclass(frozen=True, order=True)
class HalfYear:
    year: int
    half: int  # 1: January to June, 2: July to December

    @classmethod
    def parse(cls, key: str) -> "HalfYear":
        match = KEY.match(key or "")
        if not match:
            raise ValueError(f"{key!r} is not a half-year like 2022-H2")
        return cls(int(match[1]), int(match[2]))

    @classmethod
    def of(cls, day: date) -> "HalfYear":
        return cls(day.year, 1 if day.month <= 6 else 2)

    @property
    def key(self) -> str:
        return f"{self.year}-H{self.half}"

    @property
    def label(self) -> str:
        return f"H{self.half} {self.year}"

    @property
    def months(self) -> list[date]:
        first = 1 if self.half == 1 else 7
        return [date(self.year, month, 1) for month in range(first, first + 6)]

    @property
    def previous(self) -> "HalfYear":
        return HalfYear(self.year - 1, 2) if self.half == 1 else HalfYear(self.year, 1)

    @property
    def next(self) -> "HalfYear":
        return HalfYear(self.year, 2) if self.half == 1 else HalfYear(self.year + 1, 1)

    def __str__(self) -> str:
        return self.label
