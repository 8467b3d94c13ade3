"""The bulk import of monthly values: every rejection rule, atomicity, idempotence."""

import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from scorecard.importing.reading import FileProblem, read_table
from scorecard.importing.service import ReasonRequired, import_values
from scorecard.models import MonthlyValue
from tests.scorecard_data import HEADER, THIS_MONTH, csv_file


def run(data: bytes, *, write=True, name="values.csv", reason="", limit=None):
    table = read_table(name, data, limit)
    return import_values(table, this_month=THIS_MONTH, write=write, reason=reason,
                         source="test")


def problems_of(*lines):
    outcome = run(csv_file(*lines))
    assert MonthlyValue.objects.count() == 0
    return [tuple(p) for p in outcome.checked.problems.itertuples(index=False)]


REJECTIONS = [
    ("NOPE,FORCE,2023-10,5,,,,", "measure", "There is no measure with the code “NOPE”"),
    ("CALLS,Atlantis,2023-10,5,,,,", "area", "There is no area with the code or name “Atlantis”"),
    ("CALLS,County,2023-10,5,,,,", "area", "Measure CALLS is not reported for County"),
    ("CALLS,FORCE,2023-13,5,,,,", "month", "Enter the month as YYYY-MM, for example 2023-10"),
    ("CALLS,FORCE,Oct 2023,5,,,,", "month", "Enter the month as YYYY-MM, for example 2023-10"),
    ("CALLS,FORCE,2026-12,5,,,,", "month", "The month cannot be in the future (after 2026-11)"),
    ("CALLS,FORCE,2023-10,lots,,,,", "value", "Enter a number in value"),
    ("CALLS,FORCE,2023-10,-3,,,,", "value", "A count cannot be negative"),
    ("CALLS,FORCE,2023-10,3.5,,,,", "value", "Enter a whole number for a count"),
    ("CALLS,FORCE,2023-10,,,,,", "value", "Enter a value"),
    ("SATISFIED,FORCE,2023-10,100.1,,,,", "value", "A percentage cannot be more than 100"),
    ("ABANDON,FORCE,2023-10,,75,74,,", "numerator",
     "The numerator cannot be more than the denominator"),
    ("ABANDON,FORCE,2023-10,,,74,,", "numerator", "Enter a numerator: this is a ratio measure"),
    ("ABANDON,FORCE,2023-10,,5,,,", "denominator",
     "Enter a denominator: this is a ratio measure"),
    ("ABANDON,FORCE,2023-10,0.7,5,700,,", "value",
     "Leave value blank for a ratio measure: the rate is worked out from the numerator and "
     "denominator"),
    ("WAIT,COUNTY,2023-10,00:00:12,,,,", "weight",
     "Enter a weight: this measure is a weighted mean"),
    ("WAIT,COUNTY,2023-10,12 seconds,,,900,", "value",
     "Enter a duration as seconds or as hh:mm:ss, for example 01:33:15"),
    ("CALLS,FORCE,2023-10,5,,,2,", "weight", "Leave weight blank: this measure has no weights"),
    ("CALLS,FORCE,2023-10,=1+1,,,,", "value",
     "This cell looks like a spreadsheet formula: enter the value itself"),
    ("CALLS,FORCE,2023-10,5,,,,+A1", "note",
     "This cell looks like a spreadsheet formula: enter the value itself"),
    ("CALLS,FORCE,2023-10,5,,,,-SUM(A1)", "note",
     "This cell looks like a spreadsheet formula: enter the value itself"),
    ("CALLS,FORCE,2023-10,5,,,,@cmd", "note",
     "This cell looks like a spreadsheet formula: enter the value itself"),
]


@pytest.mark.parametrize(("line", "column", "message"), REJECTIONS)
def test_each_rejection_rule_names_row_column_and_problem(catalogue, line, column, message):
    assert (2, column, message) in problems_of(line)


def test_negative_numbers_are_numbers_not_formulas(catalogue):
    problems = problems_of("CALLS,FORCE,2023-10,-5,,,,")
    assert problems == [(2, "value", "A count cannot be negative")]


def test_duplicate_rows_are_rejected_with_the_first_row_named(catalogue):
    problems = problems_of("CALLS,FORCE,2023-10,5,,,,", "CALLS,Wiltshire Police,2023-10,6,,,,")
    assert problems == [
        (3, "measure", "This row repeats the measure, area and month of row 2")
    ]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("values.csv", b"", "The selected file is empty"),
        ("values.csv", HEADER.encode(), "The selected file has headings but no rows of data"),
        ("values.pdf", b"%PDF-1.4", "The selected file must be a CSV or an Excel (.xlsx) file"),
        ("values.xlsx", b"measure,area\n",
         "The selected file must be a CSV or an Excel (.xlsx) file"),
        ("values.csv", b"measure,month\nX,2023-10\n", "The file must have a column headed “area”"),
        ("values.csv", b"measure,area,month,valeu\nX,Y,2023-10,1\n",
         "The file has a column headed “valeu”, which is not one we use. Use only: measure, "
         "area, month, value, numerator, denominator, weight, note"),
    ],
)
def test_whole_file_problems(catalogue, name, data, message):
    with pytest.raises(FileProblem, match=re.escape(message)):
        run(data, name=name)


def test_a_file_over_the_size_limit_is_rejected(catalogue):
    data = csv_file(*["CALLS,FORCE,2023-10,5,,,,"] * 100)
    with override_settings(UPLOAD_MAX_BYTES=1000), pytest.raises(
        FileProblem, match="The selected file must be smaller than 0 MB"
    ):
        run(data, limit=1000)


def test_good_rows_are_written_with_ratio_rates_and_durations(catalogue):
    outcome = run(csv_file(
        "CALLS,FORCE,2023-10,\"9,429\",,,,",
        "ABANDON,FORCE,2023-10,,74,10562,,",
        "ABANDON,FORCE,2023-09,,0,0,,no calls",
        "WAIT,County,2023-10,00:00:12,,,900,",
        "WAIT,SWINDON,2023-10,14,,,300,",
    ))
    assert outcome.checked.ok and outcome.written == 5
    stored = {(v.measure.code, v.area.code, v.month.month): v for v in MonthlyValue.objects.all()}
    assert stored["CALLS", "FORCE", 10].value == 9429
    assert float(stored["ABANDON", "FORCE", 10].value) == pytest.approx(0.7006, abs=1e-4)
    assert stored["ABANDON", "FORCE", 9].value is None  # zero denominator: no rate
    assert stored["ABANDON", "FORCE", 9].note == "no calls"
    assert stored["WAIT", "COUNTY", 10].value == 12 and stored["WAIT", "COUNTY", 10].weight == 900


def test_one_bad_row_among_ten_thousand_writes_nothing(catalogue):
    lines = [f"CALLS,FORCE,{1000 + i // 12:04d}-{i % 12 + 1:02d},{i},,,," for i in range(10_000)]
    lines[4_998] = "CALLS,FORCE,2023-10,not a number,,,,"  # spreadsheet row 5,000
    outcome = run(csv_file(*lines))
    assert [tuple(p) for p in outcome.checked.problems.itertuples(index=False)] == [
        (5000, "value", "Enter a number in value")
    ]
    assert MonthlyValue.objects.count() == 0


def test_importing_the_same_file_twice_changes_nothing_the_second_time(catalogue):
    data = csv_file("CALLS,FORCE,2023-10,9429,,,,", "ABANDON,FORCE,2023-10,,74,10562,,")
    first = run(data)
    events = MonthlyValue.pgh_event_model.objects.count()
    second = run(data)
    assert (first.written, second.written) == (2, 0)
    assert (second.comparison.new, second.comparison.changed, second.comparison.unchanged) == (
        0, 0, 2)
    assert MonthlyValue.pgh_event_model.objects.count() == events


def test_changes_are_previewed_old_to_new_and_need_a_reason(catalogue):
    run(csv_file("CALLS,FORCE,2023-10,9429,,,,"))
    changed = csv_file("CALLS,FORCE,2023-10,9430,,,,", "CALLS,FORCE,2023-09,9000,,,,")
    preview = run(changed, write=False)
    assert (preview.comparison.new, preview.comparison.changed) == (1, 1)
    [change] = preview.comparison.changes
    assert (change.row, change.fields) == (2, [("value", 9429, 9430)])
    with pytest.raises(ReasonRequired):
        run(changed)
    assert MonthlyValue.objects.get(month__month=10).value == 9429
    run(changed, reason="Force corrected October")
    event = MonthlyValue.pgh_event_model.objects.filter(pgh_label="update").get()
    assert event.value == 9430
    assert event.pgh_context.metadata["reason"] == "Force corrected October"


def test_the_upsert_is_set_based(catalogue, django_assert_max_num_queries):
    few = csv_file("CALLS,FORCE,2023-10,1,,,,")
    many = csv_file(*[f"CALLS,FORCE,{2000 + i // 12}-{i % 12 + 1:02d},{i},,,," for i in range(600)])
    with django_assert_max_num_queries(20) as small:
        run(few)
    with django_assert_max_num_queries(len(small.captured_queries)):
        run(many)


def test_xlsx_files_are_read_with_their_own_types(catalogue):
    from datetime import datetime, time

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["measure", "area", "month", "value", "weight"])
    sheet.append(["WAIT", "COUNTY", datetime(2023, 10, 1), time(0, 1, 5), 900])
    sheet.append(["CALLS", "FORCE", "2023-10", "=SUM(B1:B2)", None])
    buffer = io.BytesIO()
    book.save(buffer)
    outcome = run(buffer.getvalue(), name="values.xlsx")
    assert [tuple(p) for p in outcome.checked.problems.itertuples(index=False)] == [
        (3, "value", "This cell looks like a spreadsheet formula: enter the value itself")
    ]


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


def test_windows_csv_text_is_read(catalogue):
    data = csv_file("CALLS,FORCE,2023-10,9429,,,,Caf\u00e9 figure").decode().encode("cp1252")
    run(data)
    assert MonthlyValue.objects.get().note == "Café figure"


def test_a_byte_order_mark_is_ignored(catalogue):
    run(b"\xef\xbb\xbf" + csv_file("CALLS,FORCE,2023-10,9429,,,,"))
    assert MonthlyValue.objects.get().value == 9429


def keys_and_indexes() -> list:
    """Every constraint and index of the values and their history, as defined."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) "
            "FROM pg_constraint WHERE conrelid IN ('scorecard_monthlyvalue'::regclass, "
            "'scorecard_monthlyvalueevent'::regclass) "
            "UNION ALL SELECT tablename, indexname, indexdef FROM pg_indexes "
            "WHERE tablename IN ('scorecard_monthlyvalue', 'scorecard_monthlyvalueevent') "
            "ORDER BY 1, 2, 3")
        return cursor.fetchall()


def dropped_while(*lines) -> tuple:
    """Import the lines; the outcome, and the DROP statements run meanwhile."""
    from django.db import connection

    statements = []
    with connection.execute_wrapper(
        lambda execute, sql, *rest: statements.append(sql) or execute(sql, *rest)
    ):
        outcome = run(csv_file(*lines))
    return outcome, [sql for sql in statements if "DROP " in sql and "staged" not in sql]


def test_a_large_import_into_a_small_table_rebuilds_keys_and_indexes(catalogue, monkeypatch):
    monkeypatch.setattr("scorecard.importing.store.BULK_ROWS", 1)
    before = keys_and_indexes()
    assert len([row for row in before if "FOREIGN KEY" in row[2]]) == 2
    assert ("scorecard_monthlyvalue", "one_value_per_measure_area_month",
            "UNIQUE (measure_id, area_id, month)") in before
    outcome, dropped = dropped_while("CALLS,FORCE,2023-10,9429,,,,",
                                     "CALLS,FORCE,2023-09,9000,,,,")
    # Two foreign keys; both tables' primary keys; the unique constraint and
    # the area index of the values; the history's (measure, month) index.
    assert len(dropped) == 7 and any("one_value_per_measure_area_month" in s for s in dropped)
    assert outcome.written == 2 and MonthlyValue.objects.count() == 2
    assert MonthlyValue.pgh_event_model.objects.count() == 2
    assert keys_and_indexes() == before


def test_indexes_stay_when_the_table_is_larger_than_the_load(catalogue, monkeypatch):
    run(csv_file(*[f"CALLS,FORCE,{2000 + i // 12}-{i % 12 + 1:02d},{i},,,," for i in range(6)]))
    monkeypatch.setattr("scorecard.importing.store.BULK_ROWS", 1)
    outcome, dropped = dropped_while("CALLS,FORCE,2023-10,1,,,,", "CALLS,FORCE,2023-09,2,,,,")
    assert outcome.written == 2
    assert len(dropped) == 2 and all("_fk_" in sql for sql in dropped)  # foreign keys only


@pytest.mark.parametrize("broken", ["missing measure", "repeated key"])
def test_a_large_write_that_breaks_a_constraint_is_refused_whole(catalogue, monkeypatch,
                                                                  broken):
    import pandas as pd
    from django.db import IntegrityError, transaction

    from scorecard.importing import store

    monkeypatch.setattr("scorecard.importing.store.BULK_ROWS", 1)
    before = keys_and_indexes()
    force, measure = catalogue["areas"][0], catalogue["count"].pk
    second = 999_999 if broken == "missing measure" else measure
    rows = pd.DataFrame({
        "measure_id": [measure, second], "area_id": [force.pk, force.pk],
        "month": ["2023-10-01", "2023-10-01"], "value": [1.0, 2.0], "numerator": [None, None],
        "denominator": [None, None], "weight": [None, None], "note": ["", ""], "row": [2, 3]})
    with pytest.raises(IntegrityError), transaction.atomic():
        store.stage([rows])
        store.upsert(new_rows=2)
    assert MonthlyValue.objects.count() == 0 and keys_and_indexes() == before


def test_cells_are_read_without_the_spaces_around_them(catalogue):
    run(csv_file(" CALLS ,FORCE\u00a0,\t2023-10, 9429 ,,,,  Revised  "))
    stored = MonthlyValue.objects.get()
    assert (stored.measure.code, stored.area.code, stored.value, stored.note) == (
        "CALLS", "FORCE", 9429, "Revised")


def test_the_insert_joins_nothing(catalogue):
    """With the indexes set aside, a join in the INSERT may be planned as a
    nested loop over the growing table (decision record 0003)."""
    from django.db import connection, transaction

    from scorecard.importing import store

    with transaction.atomic():
        store.stage([run(csv_file("CALLS,FORCE,2023-10,1,,,,"), write=False).checked.parts[0]])
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN " + store._INSERT)
            plan = " ".join(line for (line,) in cursor.fetchall())
        transaction.set_rollback(True)
    assert "Seq Scan on staged_values" in plan
    assert "Join" not in plan and "Loop" not in plan
