"""The measure catalogue import: checked whole, previewed, upserted by code."""

import io

import pytest
from django.core.management import CommandError, call_command

from scorecard.models import Measure, Topic
from tests.factories import ObjectiveFactory, PlanFactory

HEADER = ("code,name,topic,objective,unit,aggregation,polarity,areas,threshold_label,"
          "threshold_value,threshold_direction,definition\n")
RESPONSE = ("IMM-ART,Average Response Time: Immediate,Response Times – Immediate,1.2,duration,"
            "weighted_mean,down_is_good,FORCE;County,Urban SLA;Rural SLA,00:15:00;1200,"
            "at_most;at_most,Mean time from log to arrival")


def run(tmp_path, *lines, dry_run=False, reason=""):
    path = tmp_path / "measures.csv"
    path.write_text(HEADER + "".join(line + "\n" for line in lines))
    out, err = io.StringIO(), io.StringIO()
    args = ["import_measures", str(path), "--reason", reason] + (["--dry-run"] if dry_run else [])
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue()


@pytest.fixture
def objective(catalogue):
    plan = PlanFactory(is_current=True)
    return ObjectiveFactory(priority__plan=plan, priority__number=1, code="1.2")


def test_a_new_measure_and_topic_are_previewed_then_created(tmp_path, objective):
    out = run(tmp_path, RESPONSE, dry_run=True)
    assert "1 new, 0 changed, 0 unchanged measures." in out
    assert "new topic: Response Times – Immediate" in out
    assert not Measure.objects.filter(code="IMM-ART").exists()
    run(tmp_path, RESPONSE)
    measure = Measure.objects.get(code="IMM-ART")
    assert measure.topic == Topic.objects.get(name="Response Times – Immediate")
    assert {a.code for a in measure.areas.all()} == {"FORCE", "COUNTY"}
    assert {(t.label, t.value) for t in measure.thresholds.all()} == {
        ("Urban SLA", 900), ("Rural SLA", 1200)}
    assert list(measure.objectives.all()) == [objective]


def test_reimporting_changes_nothing_and_changes_are_shown(tmp_path, objective):
    run(tmp_path, RESPONSE)
    events = Measure.pgh_event_model.objects.count()
    assert "0 new, 0 changed, 1 unchanged measures." in run(tmp_path, RESPONSE)
    assert Measure.pgh_event_model.objects.count() == events
    renamed = RESPONSE.replace("Average Response Time: Immediate", "Mean Response: Immediate")
    with pytest.raises(CommandError, match="give the reason"):
        run(tmp_path, renamed)
    out = run(tmp_path, renamed, reason="Renamed by the force")
    assert ("IMM-ART name: Average Response Time: Immediate → Mean Response: Immediate"
            in out)
    event = Measure.pgh_event_model.objects.filter(pgh_label="update").get()
    assert event.pgh_context.metadata["reason"] == "Renamed by the force"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (RESPONSE.replace(",1.2,", ",9.9,"), "objective: There is no objective 9.9 in the "
         "current plan"),
        (RESPONSE.replace("FORCE;County", "FORCE;Atlantis"),
         "areas: There is no area with the code or name “Atlantis”"),
        (RESPONSE.replace("weighted_mean", "median"), "aggregation: Enter one of: sum, ratio"),
        (RESPONSE.replace("00:15:00", "fifteen"), "threshold_value: Enter the threshold "
         "“fifteen” as a number"),
        (RESPONSE.replace("at_most;at_most", "at_most"), "threshold_label: Give each "
         "threshold a label, a value and a direction"),
        (RESPONSE.replace("duration,weighted_mean", "count,ratio"),
         "unit: A ratio measure must have the unit percentage"),
        (RESPONSE.replace("Mean time", "=HYPERLINK(1)"), "definition: This cell looks like"),
    ],
)
def test_bad_rows_are_rejected_with_their_row_and_nothing_is_written(
    tmp_path, objective, line, message
):
    err = io.StringIO()
    path = tmp_path / "measures.csv"
    path.write_text(HEADER + RESPONSE.replace("IMM-ART", "OTHER") + "\n" + line + "\n")
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_measures", str(path), stderr=err)
    assert f"Row 3, {message}" in err.getvalue()
    assert not Measure.objects.filter(code__in=["IMM-ART", "OTHER"]).exists()


def test_duplicate_codes_are_rejected(tmp_path, objective):
    with pytest.raises(CommandError):
        run(tmp_path, RESPONSE, RESPONSE)
