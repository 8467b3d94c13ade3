"""Bulk writing (scorecard/importing/store.py): a large load into a small table sets
the keys and indexes aside and rebuilds them; a load that breaks a constraint is
refused whole; the insert joins nothing."""


import pytest

from scorecard.models import MonthlyValue
from tests.scorecard.importing.runs import run
from tests.scorecard_data import csv_file


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
    # Two foreign keys; both tables' primary keys; the unique constraint of
    # the values; the history's (measure, month) index.
    assert len(dropped) == 6 and any("one_value_per_measure_area_month" in s for s in dropped)
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
