"""PEEL's, the delivery plan's and the portal's tables, built where a template has
the rows in hand (a partial included on several pages, or in a PDF)."""

from django import template

from oversight.delivery import tables as delivery
from oversight.peel import tables as peel
from oversight.portal import tables as portal

register = template.Library()


@register.simple_tag
def counts_table(counts, statuses, link=False, caption=""):
    return peel.counts_table(counts, statuses, link, caption or "Findings by kind and status")


@register.simple_tag
def sustained_table(rows, caption="", month=None):
    caption = caption or "Sustained improvement by linked measure"
    if month:
        caption += f", at {month:%B %Y}"
    return peel.SustainedTable(rows, caption=caption, caption_size="s")


@register.filter
def grade_table(grades):
    return peel.GradeTable(grades, caption="Graded areas")


@register.filter
def monitoring_table(stages):
    return peel.MonitoringTable(stages, caption="HMICFRS monitoring of the force")


@register.simple_tag
def report_finding_table(findings, kind_label, caption):
    return peel.ReportFindingTable(findings, kind_label, caption=caption)


@register.filter
def status_counts_table(counts):
    return delivery.status_counts_table(counts)


@register.filter
def activity_table(objective):
    return delivery.ActivityTable(objective)


@register.simple_tag
def priority_counts_table(lines, month):
    return portal.PriorityCountsTable([line for line, _ in lines], month)


@register.simple_tag
def overdue_action_table(actions, today):
    return portal.OverdueActionTable(actions, today, caption="Overdue actions",
                                     caption_size="s", caption_hidden=True)


@register.filter
def user_table(people):
    return portal.UserTable(people, caption="Users", caption_size="s")
