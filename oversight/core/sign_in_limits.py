"""Failed sign-ins, limited three ways (settings: AXES_FAILURE_LIMIT,
ACCOUNT_FAILURE_LIMIT, ADDRESS_FAILURE_LIMIT).

axes counts failures for each of AXES_LOCKOUT_PARAMETERS (one account from
one address; one account; one address) and compares the largest count with
one limit. Each count has its own limit here, so that a few guesses lock an
account only for the address they came from, while guessing from many
addresses, or across many accounts from one, is limited too."""

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest


def limits() -> list[int]:
    """In the order of AXES_LOCKOUT_PARAMETERS."""
    return [settings.AXES_FAILURE_LIMIT, settings.ACCOUNT_FAILURE_LIMIT,
            settings.ADDRESS_FAILURE_LIMIT]


class SignInLimits(AxesDatabaseHandler):
    def failure_counts(self, request: HttpRequest, credentials: dict | None = None) -> list[int]:
        return [attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
                for attempts in self.get_user_attempts(request, credentials)]

    def get_failures(self, request: HttpRequest, credentials: dict | None = None) -> int:
        """AXES_FAILURE_LIMIT once any count reaches its own limit (axes then
        locks), else this account's failures from this address."""
        counts = self.failure_counts(request, credentials)
        if any(count >= limit for count, limit in zip(counts, limits(), strict=True)):
            return settings.AXES_FAILURE_LIMIT
        return min(counts[0], settings.AXES_FAILURE_LIMIT - 1)

    def reset_user_attempts(self, request: HttpRequest, credentials: dict | None = None) -> int:
        """A good sign-in clears only its own account's failures from its own
        address: never the address's failures on other accounts, nor other
        addresses' guesses at this account."""
        deleted, _ = self.filter_user_attempts(request, credentials)[0].delete()
        return deleted
