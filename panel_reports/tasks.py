"""The panel reports' background job: a published report's PDF, printed once
at publication and kept (it never changes), so no reader waits for it."""

from procrastinate import RetryStrategy
from procrastinate.contrib.django import app

from oversight.core.pdf import PrintBusy
from panel_reports.models import Report
from panel_reports.printing import REPORT_DOCUMENT

# Every printing place taken: try again shortly (printing twice is harmless:
# the second finds the first's PDF).
WHEN_BUSY = RetryStrategy(max_attempts=10, wait=30, retry_exceptions={PrintBusy})


@app.task(queue="prints", retry=WHEN_BUSY)
def print_published_report(report_id: int) -> None:
    report = Report.objects.published().filter(pk=report_id).first()
    if report is not None:
        REPORT_DOCUMENT.print_ahead(report)
