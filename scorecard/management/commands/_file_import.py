"""What the import commands share: a file, --dry-run, --reason, and reading it."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from scorecard.importing.reading import FileProblem, read_table


class FileImportCommand(BaseCommand):
    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Check and compare only.")
        parser.add_argument("--reason", default="", help="Why stored data changes.")
        parser.add_argument("--noinput", "--no-input", action="store_true", help="Never prompt.")

    def read(self, file: Path):
        try:
            return read_table(file.name, file.read_bytes())
        except (OSError, FileProblem) as error:
            raise CommandError(str(error)) from error
