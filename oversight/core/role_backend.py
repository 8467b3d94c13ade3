"""Permissions from the user's roles, read with the user in one query.

A role's permissions are declared in oversight/core/roles.py; `sync_roles()`
makes each role's group hold exactly those after every migrate, and the
admin shows them read-only and grants no one permissions of their own. So
asking the database for them on every page (two queries for Django's
ModelBackend, a third for the role in the header) only repeats the
declaration: this backend reads the user's role names with the user and
answers permissions from ROLE_PERMISSIONS. A change of role ends the
person's sessions (oversight/core/role_changes.py), so no page runs on a
role the person no longer holds.
"""

from contextvars import ContextVar
from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import AnonymousUser, User

from oversight.core.roles import ROLE_PERMISSIONS, roles_held

# Written out: built by the ORM (an aggregate over the groups), this query
# took 3 ms a page; as SQL, half a millisecond.
ROLE_NAMES = (
    'ARRAY(SELECT "auth_group"."name" FROM "auth_group" '
    'JOIN "auth_user_groups" ON "auth_user_groups"."group_id" = "auth_group"."id" '
    'WHERE "auth_user_groups"."user_id" = "auth_user"."id") AS "role_names"')
USER_WITH_ROLES = f"""SELECT "auth_user".*, {ROLE_NAMES}
FROM "auth_user" WHERE "auth_user"."id" = %s"""  # noqa: S608 (constants only)

# The user the session store read with this request's session (its query
# reads both): taken once, by the request's sign-in check.
_read_with_session: ContextVar[User | None] = ContextVar("read_with_session", default=None)


def remember_signed_in(user: User | None) -> None:
    _read_with_session.set(user)


class RoleBackend(ModelBackend):
    def get_user(self, user_id: Any) -> User | None:
        user = _read_with_session.get()
        _read_with_session.set(None)
        if user is None or user.pk != int(user_id):
            user = next(iter(User._default_manager.raw(USER_WITH_ROLES, [int(user_id)])), None)
        return user if user is not None and self.user_can_authenticate(user) else None

    def get_user_permissions(self, user_obj: User | AnonymousUser,
                             obj: object = None) -> set[str]:
        return set()  # no one holds permissions of their own: only their roles'

    def get_group_permissions(self, user_obj: User | AnonymousUser,
                              obj: object = None) -> set[str]:
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        return set().union(*(ROLE_PERMISSIONS[role] for role in roles_held(user_obj)))

    def get_all_permissions(self, user_obj: User | AnonymousUser,
                            obj: object = None) -> set[str]:
        if obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            user_obj._perm_cache = self.get_group_permissions(user_obj)  # type: ignore[union-attr]
        return user_obj._perm_cache  # type: ignore[union-attr]

