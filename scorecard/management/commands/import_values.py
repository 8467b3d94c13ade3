import getpass
import time
from pathlib import Path

from django.core.management.base import CommandError
from tqdm import tqdm

from scorecard import figure_store
from scorecard.formats import current_month, month_key
from scorecard.importing.reading import FileProblem
from scorecard.importing.service import ReasonRequired, import_values
from scorecard.management.commands._file_import import FileImportCommand
from scorecard.presenters import problem_lines


class Command(FileImportCommand):
    help = (
        "Import monthly values from a CSV or XLSX file (columns: measure, area, month, "
        "value, numerator, denominator, weight, note). Every row is checked first; "
        "nothing is written unless all pass."
    )

    def handle(self, *args, file: Path, dry_run: bool, reason: str, **options):
        self.import_file(file, dry_run, reason)
        if not dry_run:  # once the file and its rows are let go
            self.stdout.write("Recomputing the KPI figures.")
            started = time.perf_counter()
            figure_store.refresh()
            self.stdout.write(f"Recomputed them in {time.perf_counter() - started:.1f} s.")

    def import_file(self, file: Path, dry_run: bool, reason: str) -> None:
        started = time.perf_counter()
        table = self.read(file)
        self.stdout.write(f"Read {len(table):,} rows from {file.name}; checking them.")
        # A progress bar on a terminal (tqdm leaves it out when output is a file).
        bar = tqdm(total=len(table), unit=" rows", desc="Checked", file=self.stderr._out,
                   disable=None, unit_scale=True)

        def checked(rows: int) -> None:
            bar.update(rows - bar.n)
            if rows == len(table):
                bar.close()
                self.stdout.write("Comparing with the stored values"
                                  + ("." if dry_run else " and writing, in one transaction."))

        try:
            outcome = import_values(
                table,
                this_month=current_month(),
                write=not dry_run,
                reason=reason,
                source=f"import_values {file.name} (by {getpass.getuser()})",
                progress=checked,
            )
        except FileProblem as error:
            raise CommandError(str(error)) from error
        except ReasonRequired as error:
            raise CommandError(
                "This file changes stored values: give the reason with --reason"
            ) from error
        if not outcome.checked.ok:
            for line in problem_lines(outcome.checked.problems):
                self.stderr.write(line)
            raise CommandError("Nothing was imported: correct the rows above.")
        found = outcome.comparison
        assert found is not None  # every row passed, so the file was compared  # noqa: S101
        self.stdout.write(
            f"{found.new:,} new, {found.changed:,} changed, {found.unchanged:,} unchanged."
        )
        for change in found.changes:
            for name, old, new in change.fields:
                self.stdout.write(
                    f"  row {change.row}: {change.measure} {change.area} "
                    f"{month_key(change.month)} {name} {old} → {new}"
                )
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")
        else:
            self.stdout.write(self.style.SUCCESS(
                f"Wrote {outcome.written:,} values in {time.perf_counter() - started:.1f} s."))
