"""Seed 000's ELG schedule for the second half of 2022 (Appendix 2), as printed,
and the rotation of topics it follows; `plan`, the current plan with the objectives
it names (a fixture every test module may use: the conftest registers this module)."""

import pytest

from tests.factories import ObjectiveFactory, PlanFactory

REVIEW = "PEEL Plan / Overall Performance dashboard review"
Q12 = "1.2 Quality of policing services provided to our communities"
Q13 = "1.3 Giving the Police the right tools for the job"
VIOLENCE = "2.1 Violence Reduction and Domestic Abuse / 2.2 VAWG"
# Seed 000, Appendix 2, as printed.
SEED_TABLE = [
    ["13 June", VIOLENCE],
    ["05 July", f"{Q13} - Performance Leadership"],
    ["19 July", f"{Q12} - Reporting and Response"],
    ["08 August", "1.1 Increasing Public Confidence, trust, and police engagement with our "
                  "communities"],
    ["05 September", f"{Q12} - Investigating Crime"],
    ["20 September", REVIEW],
    ["03 October", f"{Q13} - Resources, Workforce planning"],
    ["17 October", REVIEW],
    ["31 October", VIOLENCE],
    ["15 November", REVIEW],
    ["28 November", "3.2 Road Safety, 3.3 Rural and Heritage Crime"],
]
ROTATION = list(dict.fromkeys(topic for _, topic in SEED_TABLE if topic != REVIEW))
ROTATION.insert(6, VIOLENCE)  # the rotation comes round to violence again in October


@pytest.fixture
def plan(db):
    """A current plan with the objectives seed 000's schedule names."""
    current = PlanFactory(is_current=True)
    codes = ["1.1", "1.2", "1.3", "2.1", "2.2", "3.2", "3.3"]
    return {code: ObjectiveFactory(priority__plan=current,
                                   priority__number=int(code[0]) * 10 + int(code[2]),
                                   code=code) for code in codes}
