"""A small scorecard catalogue for tests: one measure of each kind."""

import datetime

import pytest

from tests.factories import AreaFactory, MeasureFactory, TopicFactory

OCT_2023 = datetime.date(2023, 10, 1)
THIS_MONTH = datetime.date(2026, 11, 1)
HEADER = "measure,area,month,value,numerator,denominator,weight,note\n"


@pytest.fixture
def catalogue(db):
    """Force with County and Swindon; a count, a ratio, a weighted-mean duration
    and a percentage, all in one topic."""
    force = AreaFactory(code="FORCE", name="Wiltshire Police")
    county = AreaFactory(code="COUNTY", name="County", parent=force, order=1)
    swindon = AreaFactory(code="SWINDON", name="Swindon", parent=force, order=2)
    topic = TopicFactory(name="Crime & Communication Centre – 999 Service")
    return {
        "topic": topic,
        "areas": (force, county, swindon),
        "count": MeasureFactory(code="CALLS", name="Call Answered Volume: 999", topic=topic,
                                areas=[force], order=1),
        "ratio": MeasureFactory(code="ABANDON", name="Abandonment Rate: All 999", topic=topic,
                                unit="percentage", aggregation="ratio",
                                polarity="down_is_good", areas=[force], order=2),
        "duration": MeasureFactory(code="WAIT", name="Average Time to Answer: All 999",
                                   topic=topic, unit="duration", aggregation="weighted_mean",
                                   polarity="down_is_good", areas=[county, swindon], order=3),
        "percentage": MeasureFactory(code="SATISFIED", name="Victim satisfaction",
                                     topic=topic, unit="percentage", aggregation="mean",
                                     polarity="up_is_good", areas=[force], order=4),
    }


def csv_file(*lines: str) -> bytes:
    return (HEADER + "".join(line + "\n" for line in lines)).encode()
