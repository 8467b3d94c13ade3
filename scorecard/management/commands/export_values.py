from pathlib import Path

from django.core.management.base import BaseCommand

from scorecard.exporting import write_values


class Command(BaseCommand):
    help = "Export every monthly value as a CSV file that import_values reads back."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options) -> None:
        with file.open("w", newline="", encoding="utf-8") as out:
            count = write_values(out)
        self.stdout.write(self.style.SUCCESS(f"Wrote {count:,} values to {file}."))
