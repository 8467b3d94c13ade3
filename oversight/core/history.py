"""pghistory makes each tracked model's event model at run time, so type
checkers cannot see `Model.pgh_event_model`: it is read here, once."""

from django.db.models import Model


def event_model(model: type[Model]) -> type[Model]:
    """The model pghistory records `model`'s changes in."""
    events: type[Model] = getattr(model, "pgh_event_model")  # noqa: B009
    return events
