"""ELG's tables, built where a template has the rows in hand (the briefing's body
is drawn for the page and for its PDF)."""

from django import template

from elg import tables

register = template.Library()


@register.filter
def findings_table(findings) -> tables.FindingsTable:
    return tables.FindingsTable(
        findings, caption_hidden=True,
        caption="PEEL findings on these objectives that HMICFRS has not closed")


@register.filter
def assurance_table(assurances) -> tables.AssuranceTable:
    return tables.AssuranceTable(assurances, caption="Assurance")


@register.filter
def proposal_table(proposal) -> tables.ProposalTable:
    return tables.ProposalTable(proposal)
