"""Who gave or took which role, when: Postgres triggers on Django's
user-to-group table record every change however it is made (the admin, a
command, the shell), with the request's user from pghistory's context. Users
themselves (not their password hash or last sign-in) and each role's
permissions are audited too."""

import pghistory
from django.contrib.auth.models import Group, User
from django.db import models

from oversight.core.history import audit_links, audited, event_model

pghistory.track(
    pghistory.InsertEvent("role.given"),
    pghistory.DeleteEvent("role.taken"),
    obj_field=None,  # a removed role's row is gone: the event keeps user and group
    model_name="RoleChange",
    app_label="oversight",
)(User.groups.through)

RoleChange = event_model(User.groups.through)
audit_links(Group.permissions.through, "GroupPermissionLink", "oversight")
audit_links(User.user_permissions.through, "UserPermissionLink", "oversight")


# Django's user and group tables are audited through proxies: the triggers sit
# on auth's tables, but their migrations are ours.
@audited(exclude=["password", "last_login"], model_name="UserEvent")
class AuditedUser(User):
    class Meta:
        proxy = True
        app_label = "oversight"


@audited(model_name="GroupEvent")
class AuditedGroup(Group):
    class Meta:
        proxy = True
        app_label = "oversight"


class PrintedPdf(models.Model):
    """A printed document's PDF, kept under the hash of the document's HTML:
    whatever prints the same document again (the same briefing and figures, a
    published report) reads it from here (oversight/core/pdf.py)."""

    key = models.CharField(max_length=64, unique=True)
    content = models.BinaryField()
    printed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "oversight"

    def __str__(self) -> str:
        return f"PDF {self.key[:12]} ({self.printed_at:%Y-%m-%d %H:%M})"
