"""Django's database sessions, read with one written-out query.

Every signed-in page reads its session; building that query with the ORM
took about 1 ms a page, a fifth of what a published report page should cost
(bench/public_pages.py). What is read, and when a session counts as expired,
are Django's own."""

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.db import connection
from django.utils import timezone

READ_SESSION = ('SELECT "session_data", "expire_date" FROM "django_session" '
                'WHERE "session_key" = %s AND "expire_date" > %s')


class SessionStore(db.SessionStore):
    def _get_session_from_db(self) -> Session | None:
        with connection.cursor() as cursor:
            cursor.execute(READ_SESSION, [self.session_key, timezone.now()])
            row = cursor.fetchone()
        if row is None or self.session_key is None:
            self._session_key = None
            return None
        return Session(session_key=self.session_key, session_data=row[0], expire_date=row[1])
