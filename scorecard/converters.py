from datetime import date

from scorecard.formats import month_key, parse_month


class MonthConverter:
    """"2023-10" in a URL, the first day of the month in the view."""

    regex = r"\d{4}-\d{2}"

    def to_python(self, value: str) -> date:
        month = parse_month(value)
        if month is None:
            raise ValueError(value)
        return month

    def to_url(self, value: date | str) -> str:
        return value if isinstance(value, str) else month_key(value)
