"""The objectives a meeting's topic names: "1.2 Quality of policing services -
Reporting and Response" scrutinises objective 1.2 of the current plan."""

from django.core.exceptions import ValidationError

from elg.schedule import objective_codes
from oversight.plan.models import Objective


def objectives_named(topic: str) -> list[Objective]:
    """The current plan's objectives a topic names by code; a clear error if
    it names none, or one the plan does not have."""
    codes = objective_codes(topic)
    if not codes:
        raise ValidationError(
            "Name the objective this meeting scrutinises by its code, for example "
            "“1.2 Quality of policing services - Reporting and Response”."
        )
    found = {o.code: o for o in Objective.objects.filter(
        priority__plan__is_current=True, code__in=codes)}
    missing = [code for code in codes if code not in found]
    if missing:
        raise ValidationError(
            f"The current plan has no objective {', '.join(missing)}. Check the code.")
    return [found[code] for code in codes]
