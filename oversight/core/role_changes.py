"""A change of roles ends the person's sessions, so that what the new role
needs (permissions are read each request, the second factor at sign-in)
holds from their next request. The change itself is recorded by
oversight.models.RoleChange."""

from django.contrib.auth.models import Group, User
from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from oversight.core.user_sessions import end_sessions


@receiver(m2m_changed, sender=User.groups.through)
def roles_changed(sender: type, instance: User | Group, action: str, reverse: bool,
                  pk_set: set[int] | None, **kwargs: object) -> None:
    if action not in {"post_add", "post_remove", "pre_clear"}:
        return
    if isinstance(instance, User):
        end_sessions({instance.pk})
    elif action == "pre_clear":  # a group cleared of its users
        end_sessions(set(instance.user_set.values_list("pk", flat=True)))
    else:
        end_sessions(set(pk_set or ()))
