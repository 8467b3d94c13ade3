"""Who gave or took which role, when: Postgres triggers on Django's
user-to-group table record every change however it is made (the admin, a
command, the shell), with the request's user from pghistory's context."""

import pghistory
from django.contrib.auth.models import User

pghistory.track(
    pghistory.InsertEvent("role.given"),
    pghistory.DeleteEvent("role.taken"),
    obj_field=None,  # a removed role's row is gone: the event keeps user and group
    model_name="RoleChange",
    app_label="oversight",
)(User.groups.through)

RoleChange = User.groups.through.pgh_event_model
