"""An import (scorecard/importing/service.py): all rows or none, the same file twice
changes nothing, changes previewed old to new with a reason, in set-based SQL."""


import pytest

from scorecard.importing.service import ReasonRequired
from scorecard.models import MonthlyValue
from tests.scorecard.importing.runs import run
from tests.scorecard_data import csv_file


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
