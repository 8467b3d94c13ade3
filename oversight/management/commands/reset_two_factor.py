import getpass
import logging

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from oversight.core.user_sessions import end_sessions

log = logging.getLogger("oversight.security")


class Command(BaseCommand):
    help = ("Remove a person's authenticator and recovery codes, for a lost phone: "
            "they set up a new one when they next sign in. Done on the server, not in "
            "the admin, so that resetting a second factor needs more than the admin role.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")
        parser.add_argument("--reason", required=True, help="Why, for the security log.")

    def handle(self, *args, username, reason, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no user {username!r}.")
        if not reason.strip():
            raise CommandError("Give the reason with --reason.")
        removed = sum(model.objects.filter(user=user).delete()[0]
                      for model in (TOTPDevice, StaticDevice))
        ended = end_sessions({user.pk})
        log.warning("Two-factor sign-in reset for %s by %s: %s", username, getpass.getuser(),
                    reason.strip())
        self.stdout.write(f"Removed {removed} authenticator records and ended {ended} sessions "
                          f"of {username}. They set up a new authenticator at their next sign-in.")
