"""Plotly figures as JSON, for static/js/charts.js to draw.

Plotly validates a figure's template each time the figure is made (10 to 30 ms,
many times the rest of a chart), so figures are made without one and the
portal's template is put into their JSON, converted once per process.
"""

from copy import deepcopy
from functools import cache

import plotly.graph_objects as go
import plotly.io as pio

TEMPLATE = "simple_white"


def new_figure() -> go.Figure:
    """An empty figure, without plotly's default template."""
    return go.Figure(layout={"template": {}})


def figure_json(figure: go.Figure) -> dict:
    data: dict = figure.to_plotly_json()
    data["layout"]["template"] = deepcopy(_template())  # each figure its own
    return data


@cache
def _template() -> dict:
    template: dict = pio.templates[TEMPLATE].to_plotly_json()
    return template
