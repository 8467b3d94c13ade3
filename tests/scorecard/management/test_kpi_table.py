"""The kpi_table command: the KPI table for a month on the command line, filtered by
topic and area, and its errors in plain words."""

import csv
import io

import pytest
from django.core.management import CommandError, call_command


def test_kpi_table_command_filters_by_topic_and_area(kpi_data):
    out = io.StringIO()
    call_command("kpi_table", "--month", "2023-10", "--area", "COUNTY", "--format", "csv",
                 "--topic", kpi_data["topic"].code, stdout=out)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[0][:3] == ["Topic", "Measure", "Oct-2023"]
    assert [r[1] for r in rows[1:]] == ["Average Time to Answer: All 999 - County"]
    text = io.StringIO()
    call_command("kpi_table", "--month", "2023-10", stdout=text)
    assert "Call Answered Volume: 999" in text.getvalue()
    assert "   2,000   " in text.getvalue()


@pytest.mark.parametrize(("options", "message"), [
    (["--month", "Oct 2023"], "Give the month as YYYY-MM"),
    (["--month", "2023-10", "--topic", "nope"], "No topic has the code 'nope'."),
    (["--month", "2023-10", "--area", "NOPE"], "No area has the code 'NOPE'."),
])
def test_kpi_table_command_errors(kpi_data, options, message):
    with pytest.raises(CommandError, match=message):
        call_command("kpi_table", *options)
