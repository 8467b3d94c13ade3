"""Figures revised since a report was published: each KPI table cell of the
snapshot beside the same cell computed from today's data at the same month."""

from dataclasses import dataclass
from datetime import date

from panel_reports.models import Report
from panel_reports.topic_parts import row_key, rows_by_topic
from scorecard.kpi_rows import FIGURES, headers
from scorecard.models import Topic


@dataclass
class Revision:
    topic: str
    label: str
    figure: str
    published: str
    now: str


def revised_figures(report: Report) -> list[Revision]:
    snapshot = report.snapshot
    if snapshot is None:  # a draft: nothing frozen to compare with
        return []
    topics = [part for part in snapshot["parts"] if part["kind"] == "topic"]
    ids = dict(Topic.objects.filter(code__in=[part["code"] for part in topics])
               .values_list("code", "pk"))
    live = rows_by_topic({ids[part["code"]]: date.fromisoformat(part["month"])
                          for part in topics if part["code"] in ids})
    found = []
    for part in topics:
        month = date.fromisoformat(part["month"])
        titles = {**headers(month), "change": "Size of the year-on-year change"}
        rows = live.get(ids[part["code"]], []) if part["code"] in ids else []
        now = {row_key(row): row.cells for row in rows}
        for row in part["rows"]:
            cells = now.get(row["key"], {})
            for name in FIGURES:  # every figure a table or a token shows
                old, new = row["cells"].get(name, ""), cells.get(name, "–")
                if old != new:
                    found.append(Revision(part["title"], row["text"], titles[name], old, new))
    return found

