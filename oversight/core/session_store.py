"""The portal's sessions: Django's database sessions, in a table that also
says whose each one is, so that

- a page reads its session and the signed-in user, with their roles, in one
  query (RoleBackend takes the user read here), which the server keeps
  prepared (oversight/core/postgres): every signed-in page does it, and
  each query is a round trip to the database;
- a person's sessions are found by an index, not by decoding every live one
  (oversight/core/user_sessions.py).

What a session holds, and when it counts as expired, are Django's own."""

from functools import cache
from typing import Any

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import User
from django.contrib.sessions.backends import db
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import connection, models
from django.utils import timezone

from oversight.core.role_backend import ROLE_NAMES, remember_signed_in


class PortalSession(AbstractBaseSession):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.CASCADE,
                             related_name="+")

    class Meta:
        app_label = "oversight"

    @classmethod
    def get_session_store_class(cls) -> type["SessionStore"]:
        return SessionStore


@cache
def read_session() -> str:
    """The query, naming all the user's columns in order, the id first: a
    kept prepared statement that said `auth_user.*` would fail once a
    migration added a column."""
    columns = ", ".join(f'"auth_user"."{field.column}"' for field in User._meta.concrete_fields)
    return f"""
SELECT "oversight_portalsession"."session_data", "oversight_portalsession"."expire_date",
       {columns}, {ROLE_NAMES}
FROM "oversight_portalsession"
LEFT JOIN "auth_user" ON "auth_user"."id" = "oversight_portalsession"."user_id"
WHERE "oversight_portalsession"."session_key" = %s
  AND "oversight_portalsession"."expire_date" > %s"""  # noqa: S608 (constants only)


class SessionStore(db.SessionStore):
    @classmethod
    def get_model_class(cls) -> type[PortalSession]:
        return PortalSession

    def create_model_instance(self, data: dict[str, Any]) -> PortalSession:
        session = super().create_model_instance(data)
        assert isinstance(session, PortalSession)
        signed_in = data.get(SESSION_KEY)
        session.user_id = int(signed_in) if signed_in is not None else None
        return session

    def _get_session_from_db(self) -> PortalSession | None:
        with connection.prepared_cursor() as cursor:  # type: ignore[attr-defined]
            cursor.execute(read_session(), [self.session_key, timezone.now()])
            row = cursor.fetchone()
        if row is None or self.session_key is None:
            self._session_key = None
            remember_signed_in(None)
            return None
        remember_signed_in(_user(row[2:-1], row[-1]))
        return PortalSession(session_key=self.session_key, session_data=row[0],
                             expire_date=row[1])


def _user(values: tuple, role_names: list[str]) -> User | None:
    """The user from the query's columns, which are all of User's in order."""
    if values[0] is None:
        return None  # not signed in, or signed in as someone since deleted
    user: User = User.from_db(connection.alias, (), values)  # all, so unnamed
    user.role_names = set(role_names)  # type: ignore[attr-defined]
    return user
