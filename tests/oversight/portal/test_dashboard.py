"""The dashboard's figures (oversight/portal/dashboard.py): the chart drawn from the
same counts as the table (the ranking itself: tests/scorecard/test_ranking.py)."""

import datetime

from oversight.portal import dashboard
from tests.oversight.portal.board import OCT_END


def test_the_chart_is_drawn_from_the_same_counts(board_data):
    board = dashboard.build(datetime.date(2023, 10, 1), OCT_END)
    figure = dashboard.chart(board.lines)
    concerns, improvements = figure["data"]
    assert list(concerns["y"]) == [2, 2] and list(improvements["y"]) == [2, 0]
    assert dashboard.chart_summary(board).startswith("In all, 4 concerns and 2 improvements.")
