"""Who gave or took which role, when: Postgres triggers on Django's
user-to-group table record every change however it is made (the admin, a
command, the shell), with the request's user from pghistory's context."""

import pghistory
from django.contrib.auth.models import User

from oversight.core.history import event_model

pghistory.track(
    pghistory.InsertEvent("role.given"),
    pghistory.DeleteEvent("role.taken"),
    obj_field=None,  # a removed role's row is gone: the event keeps user and group
    model_name="RoleChange",
    app_label="oversight",
)(User.groups.through)

RoleChange = event_model(User.groups.through)
