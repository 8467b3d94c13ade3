"""The KPI tables from the command line, with the same figures as the pages."""

from django.core.management.base import BaseCommand, CommandError

from oversight.core.known import as_known_label, parse_day, past
from scorecard.formats import month_label, parse_month
from scorecard.kpi_export import table_cells, write_csv
from scorecard.models import Area, Topic
from scorecard.queries import topic_rows


class Command(BaseCommand):
    help = "Print the KPI tables for a reference month, as text or CSV."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--month", required=True, help="Reference month, YYYY-MM.")
        parser.add_argument("--topic", help="A topic's code (default: every topic).")
        parser.add_argument("--area", help="An area's code (default: every area).")
        parser.add_argument("--format", choices=["text", "csv"], default="text")
        parser.add_argument("--known", help="A past day, YYYY-MM-DD: the figures as known at "
                                            "its end (default: the data as they stand).")

    def handle(self, *args, month, topic, area, format, known, **options):
        reference = parse_month(month)
        if reference is None:
            raise CommandError("Give the month as YYYY-MM, for example 2023-10.")
        day = past(parse_day(known))
        if known and day is None:
            raise CommandError("Give --known as a day before today, YYYY-MM-DD.")
        topics = Topic.objects.all()
        if topic:
            topics = topics.filter(code=topic)
            if not topics:
                raise CommandError(f"No topic has the code {topic!r}.")
        if area and not Area.objects.filter(code=area).exists():
            raise CommandError(f"No area has the code {area!r}.")
        tables = []
        for each in topics:
            rows = [r for r in topic_rows(each, reference, known=day)
                    if not area or r.area.code == area]
            if rows:
                tables.append((each, table_cells(rows, reference,
                                                 each.name if format == "csv" else None)))
        if format == "csv":
            self._csv(tables)
        else:
            self._text(tables, reference, day)

    def _csv(self, tables) -> None:
        header = tables[0][1][0] if tables else ["Topic"]
        write_csv(self.stdout, header, [line for _, (_, body) in tables for line in body])

    def _text(self, tables, reference, day) -> None:
        if day:
            self.stdout.write(f"KPI tables for {month_label(reference)}, {as_known_label(day)}.")
        if not tables:
            self.stdout.write(f"No KPI rows for {month_label(reference)}.")
        for topic, (header, body) in tables:
            widths = [max(len(text) for text in column) for column in zip(header, *body,
                                                                              strict=True)]
            self.stdout.write(f"\n{topic.name}\n")
            for line in [header, *body]:
                cells = [text.ljust(w) if i == 0 else text.rjust(w)
                         for i, (text, w) in enumerate(zip(line, widths, strict=True))]
                self.stdout.write("  ".join(cells).rstrip())
