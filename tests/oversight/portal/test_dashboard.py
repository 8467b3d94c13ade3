"""The dashboard's figures (oversight/portal/dashboard.py): the chart drawn from the
same counts as the table, and top measures ranked by weighting."""

import datetime

from oversight.portal import dashboard
from tests.oversight.portal.board import OCT_END


def test_the_chart_is_drawn_from_the_same_counts(board_data):
    board = dashboard.build(datetime.date(2023, 10, 1), OCT_END)
    figure = dashboard.chart(board.lines)
    concerns, improvements = figure["data"]
    assert list(concerns["y"]) == [2, 2] and list(improvements["y"]) == [2, 0]
    assert dashboard.chart_summary(board).startswith("In all, 4 concerns and 2 improvements.")


def test_top_measures_are_ranked_by_weighting_and_leave_out_zero():
    class Row:
        def __init__(self, weighting, position):
            self.weighting, self.position, self.movement = weighting, position, ""

    rows = [Row(5, 0), Row(0, 1), Row(25, 2), Row(5, 3), Row(9, 4), Row(1, 5), Row(2, 6)]
    line = dashboard.PriorityLine(None, rows)
    assert [(r.weighting, r.position) for r in line.top] == [(25, 2), (9, 4), (5, 0), (5, 3),
                                                             (2, 6)]
