"""The import_values command: a dry run writes nothing, a real run writes, and
problems are reported with a failing exit."""

import io

import pytest
from django.core.management import CommandError, call_command

from scorecard.models import MonthlyValue
from tests.scorecard_data import csv_file


def test_command_dry_run_writes_nothing_and_real_run_writes(catalogue, tmp_path):
    path = tmp_path / "values.csv"
    path.write_bytes(csv_file("CALLS,FORCE,2023-10,9429,,,,"))
    out = io.StringIO()
    call_command("import_values", str(path), "--dry-run", stdout=out)
    assert "1 new, 0 changed, 0 unchanged" in out.getvalue()
    assert MonthlyValue.objects.count() == 0
    call_command("import_values", str(path), stdout=out)
    assert MonthlyValue.objects.get().value == 9429


def test_command_reports_problems_and_fails(catalogue, tmp_path):
    path = tmp_path / "values.csv"
    path.write_bytes(csv_file("CALLS,FORCE,2023-10,lots,,,,"))
    err = io.StringIO()
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_values", str(path), stderr=err)
    assert "Row 2, value: Enter a number in value" in err.getvalue()


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_command_shows_a_progress_bar_on_a_terminal_only(catalogue, tmp_path):
    path = tmp_path / "values.csv"
    path.write_bytes(csv_file(*(f"CALLS,FORCE,2023-{m:02},{m},,,," for m in range(1, 11))))
    terminal, file = Terminal(), io.StringIO()
    call_command("import_values", str(path), "--dry-run", stdout=io.StringIO(), stderr=terminal)
    assert "\rChecked: 100%|##########| 10.0/10.0" in terminal.getvalue()
    call_command("import_values", str(path), stdout=io.StringIO(), stderr=file)
    assert file.getvalue() == ""
