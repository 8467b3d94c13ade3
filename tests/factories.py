"""Factories for tests: the smallest valid objects, with readable defaults."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from factory.django import DjangoModelFactory

from oversight.plan.models import Deliverable, Objective, Plan, Priority

PASSWORD = "a-long-test-password-1"


class PlanFactory(DjangoModelFactory):
    class Meta:
        model = Plan

    title = factory.Sequence(lambda n: f"Police and Crime Plan {n}")
    period = "2022-25"
    start_date = datetime.date(2022, 4, 1)
    end_date = datetime.date(2025, 3, 31)
    is_current = False


class PriorityFactory(DjangoModelFactory):
    class Meta:
        model = Priority

    plan = factory.SubFactory(PlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Priority title {n}")


class ObjectiveFactory(DjangoModelFactory):
    class Meta:
        model = Objective

    priority = factory.SubFactory(PriorityFactory)
    code = factory.LazyAttributeSequence(lambda o, n: f"{o.priority.number}.{n + 1}")
    title = factory.Sequence(lambda n: f"Objective title {n}")


class DeliverableFactory(DjangoModelFactory):
    class Meta:
        model = Deliverable

    objective = factory.SubFactory(ObjectiveFactory)
    action = factory.Sequence(lambda n: f"Deliverable action {n}")
    owner = "OPCC Commissioning"
    start_date = datetime.date(2023, 1, 1)
    due_date = datetime.date(2023, 12, 31)
    progress = 50


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"User {n}")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def role(self, create, role, **kwargs):
        if create and role:
            self.groups.add(Group.objects.get(name=role))


class AreaFactory(DjangoModelFactory):
    class Meta:
        model = "scorecard.Area"
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"AREA{n}")
    name = factory.LazyAttribute(lambda o: o.code.title())


class TopicFactory(DjangoModelFactory):
    class Meta:
        model = "scorecard.Topic"

    name = factory.Sequence(lambda n: f"Topic {n}")


class MeasureFactory(DjangoModelFactory):
    """A measure reported for the areas given (default: one new area)."""

    class Meta:
        model = "scorecard.Measure"
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"M{n}")
    name = factory.Sequence(lambda n: f"Measure {n}")
    topic = factory.SubFactory(TopicFactory)
    unit = "count"
    aggregation = "sum"
    polarity = "neutral"

    @factory.post_generation
    def areas(self, create, areas, **kwargs):
        if create:
            self.areas.set(areas if areas is not None else [AreaFactory()])


class ThemeFactory(DjangoModelFactory):
    class Meta:
        model = "elg.Theme"
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Theme {n}")
    order = factory.Sequence(lambda n: n)


class MeetingFactory(DjangoModelFactory):
    """A scrutiny meeting on the objectives given (default: none)."""

    class Meta:
        model = "elg.Meeting"
        skip_postgeneration_save = True

    date = factory.Sequence(lambda n: datetime.date(2022, 7, 1) + datetime.timedelta(days=n))
    half_year = "2022-H2"
    kind = "scrutiny"
    topic = "1.2 Quality of policing services - Reporting and Response"

    @factory.post_generation
    def objectives(self, create, objectives, **kwargs):
        if create and objectives:
            self.objectives.set(objectives)


class BriefingFactory(DjangoModelFactory):
    class Meta:
        model = "elg.Briefing"

    meeting = factory.SubFactory(MeetingFactory)
    topic = "Reporting and Response"
    purpose = "Review progress on objective 1.2."
    force_asked = "A short presentation, at most 5 slides."
    executive_summary = "Performance leadership change is required."
    expectations = "Quality is improving.\nAccountability is clear."
    status = "issued"


class ActionFactory(DjangoModelFactory):
    class Meta:
        model = "elg.Action"

    meeting = factory.SubFactory(MeetingFactory)
    description = factory.Sequence(lambda n: f"Action {n}")
    owner = "ACC Operations"
    due_date = factory.LazyAttribute(lambda o: o.meeting.date + datetime.timedelta(days=30))


class InspectionFactory(DjangoModelFactory):
    class Meta:
        model = "oversight.Inspection"

    title = factory.Sequence(lambda n: f"PEEL inspection {n}")
    published_on = datetime.date(2022, 7, 1)


def _set(name):
    """A many-to-many set after creation, from a list given to the factory."""

    def set_links(self, create, values, **kwargs):
        if create and values:
            getattr(self, name).set(values)

    return factory.post_generation(set_links)


class FindingFactory(DjangoModelFactory):
    """An area for improvement; see CauseFactory and RecommendationFactory."""

    class Meta:
        model = "oversight.Finding"
        skip_postgeneration_save = True

    inspection = factory.SubFactory(InspectionFactory)
    kind = "afi"
    reference = factory.Sequence(lambda n: f"AFI {n + 1}")
    text = factory.Sequence(lambda n: f"The force should improve area {n}.")
    target_date = datetime.date(2023, 3, 31)
    objectives = _set("objectives")
    measures = _set("measures")
    deliverables = _set("deliverables")


class CauseFactory(FindingFactory):
    kind = "cause"
    reference = factory.Sequence(lambda n: f"CoC {n + 1}")
    text = factory.Sequence(lambda n: f"The force needs to improve service {n}.")


class RecommendationFactory(FindingFactory):
    kind = "recommendation"
    cause = factory.SubFactory(CauseFactory, inspection=factory.SelfAttribute("..inspection"))
    reference = factory.Sequence(lambda n: f"R {n + 1}")
    text = factory.Sequence(lambda n: f"The force should answer calls faster ({n}).")


class CoreActivityFactory(DjangoModelFactory):
    class Meta:
        model = "oversight.CoreActivity"

    objective = factory.SubFactory(
        "tests.factories.DeliveryObjectiveFactory")
    order = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Core activity {n}")
    owner = "D/CEO"


class DeliveryObjectiveFactory(DjangoModelFactory):
    class Meta:
        model = "oversight.DeliveryObjective"

    plan = factory.SubFactory(
        "tests.factories.DeliveryPlanFactory")
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Delivery objective {n}")


class DeliveryPlanFactory(DjangoModelFactory):
    class Meta:
        model = "oversight.DeliveryPlan"

    title = factory.Sequence(lambda n: f"OPCC Delivery Plan {n}")
    period = "2020-21"
    start_date = datetime.date(2020, 4, 1)
    end_date = datetime.date(2021, 3, 31)
