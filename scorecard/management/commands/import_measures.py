import getpass
from pathlib import Path

from django.core.management.base import CommandError

from oversight.plan.models import Objective
from scorecard.importing.measures import apply_measures, check_measures, compare_measures
from scorecard.importing.reading import FileProblem
from scorecard.management.commands._file_import import FileImportCommand


class Command(FileImportCommand):
    help = (
        "Import the measure catalogue from a CSV or XLSX file, upserting by code "
        "(columns: code, name, topic, objective, unit, aggregation, polarity, areas, "
        "threshold_label, threshold_value, threshold_direction, definition)."
    )

    def handle(self, *args, file: Path, dry_run: bool, reason: str, **options):
        table = self.read(file)
        objectives = {o.code: o for o in Objective.objects.filter(priority__plan__is_current=True)}
        try:
            result = check_measures(table, objectives)
        except FileProblem as error:
            raise CommandError(str(error)) from error
        if result.problems:
            for row, column, message in result.problems:
                self.stderr.write(f"Row {row}, {column}: {message}")
            raise CommandError("Nothing was imported: correct the rows above.")
        compare_measures(result)
        self._preview(result)
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")
            return
        if result.changed and not reason.strip():
            raise CommandError("This file changes stored measures: give the reason with --reason")
        apply_measures(result, reason.strip(), f"import_measures {file.name} "
                       f"(by {getpass.getuser()})")
        self.stdout.write(self.style.SUCCESS(f"Imported {len(result.rows)} measures."))

    def _preview(self, result) -> None:
        self.stdout.write(
            f"{len(result.new)} new, {len(result.changed)} changed, "
            f"{result.unchanged} unchanged measures."
        )
        for name in result.new_topics:
            self.stdout.write(f"  new topic: {name}")
        for code, differences in result.changed:
            for name, old, new in differences:
                self.stdout.write(f"  {code} {name}: {_shown(old)} → {_shown(new)}")


def _shown(value) -> str:
    if isinstance(value, set):
        from scorecard.models import Area

        return "; ".join(sorted(Area.objects.filter(pk__in=value).values_list("name", flat=True)))
    if isinstance(value, dict):
        return "; ".join(f"{label} {v} ({d})" for label, (v, d) in sorted(value.items())) or "none"
    return str(value) if value is not None else "none"
