"""A briefing with questions under two themes, for the ELG tests (the plan it
belongs to is `tests.elg.seed.plan`)."""

import datetime

import pytest

from elg.models import BriefingQuestion
from tests.factories import (
    BriefingFactory,
    MeetingFactory,
    ThemeFactory,
)


@pytest.fixture
def briefing(plan):
    themes = [ThemeFactory(name="Performance Leadership", order=1),
              ThemeFactory(name="Victims and Offenders", order=2)]
    meeting = MeetingFactory(date=datetime.date(2022, 7, 19), objectives=[plan["1.2"]])
    briefing = BriefingFactory(meeting=meeting, status="draft")
    for n, (theme, text) in enumerate([(themes[1], "Is VCOP compliance achieved?"),
                                       (themes[0], "How is performance overseen?")]):
        BriefingQuestion.objects.create(briefing=briefing, theme=theme, text=text, order=n)
    return briefing
