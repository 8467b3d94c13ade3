"""The stored figures ranked in SQL (scorecard/ranking.py): highest weighting
first, ties in seed order, filters, counts and each priority's top rows."""

import datetime

import pytest
from django.utils import timezone

from scorecard import computing, ranking
from scorecard.models import Figure, FigureState
from tests.factories import AreaFactory, MeasureFactory, PriorityFactory, TopicFactory

OCT = datetime.date(2023, 10, 1)


def stored(measure, area, weighting, movement="", month=OCT):
    return Figure(month=month, measure=measure, area=area, large_change=False, trend="",
                  baseline_points=0, one=False, two=False, three=False, eight=False, side="",
                  exceptions="", movement=movement, weighting=weighting)


def store(figures):
    """Figures as if the worker had just stored them for the data as they stand."""
    Figure.objects.bulk_create(figures)
    FigureState.objects.create(pk=1, version=computing.data_version(),
                               computed_at=timezone.now(), seconds=0, months=1)


@pytest.fixture
def ranked_data(db):
    first, second = PriorityFactory(number=1), PriorityFactory(number=2)
    county, north = AreaFactory(code="COUNTY", order=0), AreaFactory(code="NORTH", order=1)
    early = TopicFactory(order=1, priority=first)
    late = TopicFactory(order=2, priority=second)
    loose = TopicFactory(order=3)  # in no priority
    a = MeasureFactory(topic=late, order=1, areas=[county, north])
    b = MeasureFactory(topic=early, order=2, areas=[county])
    c = MeasureFactory(topic=early, order=1, areas=[county, north])
    d = MeasureFactory(topic=loose, order=1, areas=[county])
    gone = MeasureFactory(topic=early, order=0, areas=[county], active=False)
    store([stored(a, county, 9, "concern"), stored(a, north, 5, "improvement"),
           stored(b, county, 5, "concern"), stored(c, county, 5), stored(c, north, 0),
           stored(d, county, 25, "concern"), stored(gone, county, 99, "concern"),
           stored(b, county, 50, "concern", month=datetime.date(2023, 9, 1))])
    return {"priorities": (first, second), "areas": (county, north),
            "measures": (a, b, c, d)}


def keys(rows):
    return [(row.measure.code, row.area.code) for row in rows]


def test_rows_are_ranked_by_weighting_then_seed_order(ranked_data, django_assert_max_num_queries):
    a, b, c, d = ranked_data["measures"]
    rows = ranking.RankedRows(OCT, ranking.Filters())
    assert len(rows) == 6  # the inactive measure and other months left out
    # Ties at 5: topic order (early before late), then the measure's order, then the area's.
    assert keys(rows[0:6]) == [(d.code, "COUNTY"), (a.code, "COUNTY"), (c.code, "COUNTY"),
                               (b.code, "COUNTY"), (a.code, "NORTH"), (c.code, "NORTH")]
    assert keys(rows[2:4]) == keys(rows[0:6])[2:4]
    with django_assert_max_num_queries(6):  # a page of rows: the same few reads at any size
        assert [row.weighting for row in rows[1:3]] == [9, 5]


def test_filters_narrow_the_ranking(ranked_data):
    first, second = ranked_data["priorities"]
    county, north = ranked_data["areas"]
    a, b, c, d = ranked_data["measures"]
    assert keys(ranking.RankedRows(OCT, ranking.Filters(priority=first.pk))[0:9]) == [
        (c.code, "COUNTY"), (b.code, "COUNTY"), (c.code, "NORTH")]
    assert keys(ranking.RankedRows(OCT, ranking.Filters(area=north.pk))[0:9]) == [
        (a.code, "NORTH"), (c.code, "NORTH")]
    concerns = ranking.RankedRows(OCT, ranking.Filters(movement="concern"))
    assert len(concerns) == 3 and keys(concerns[0:9])[-1] == (b.code, "COUNTY")


def test_each_priority_counts_its_rows_and_tops_those_weighted(ranked_data):
    first, second = ranked_data["priorities"]
    a, b, c, d = ranked_data["measures"]
    counted = {c.priority: c for c in ranking.by_priority(OCT, [first.pk, second.pk], top=2)}
    assert set(counted) == {first.pk, second.pk, None}
    assert (counted[first.pk].measures, counted[first.pk].concerns) == (3, 1)
    assert counted[first.pk].top == [(c.pk, ranked_data["areas"][0].pk),
                                     (b.pk, ranked_data["areas"][0].pk)]  # two, not zero
    assert (counted[second.pk].concerns, counted[second.pk].improvements) == (1, 1)
    assert counted[None].top == [(d.pk, ranked_data["areas"][0].pk)]
    # A priority not of the current Plan is counted with the rest.
    assert {c.priority for c in ranking.by_priority(OCT, [first.pk], top=2)} == {first.pk, None}
