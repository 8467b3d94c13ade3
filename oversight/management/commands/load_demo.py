from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from oversight.core.two_factor import secret_text
from oversight.demo import demo_authenticator_key, load_demo
from scorecard import figure_store


class Command(BaseCommand):
    help = "Load the demo Plan and one user per role. Safe to run again."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--noinput", "--no-input", action="store_true", help="Never prompt.")
        parser.add_argument(
            "--today", type=date.fromisoformat, default=None, metavar="YYYY-MM-DD",
            help="Load the demo as on this day (default today): the months, meetings and "
                 "reports up to it.")

    def handle(self, *args, **options):
        # The demo sets known users' passwords, past the password rules.
        if settings.PRODUCTION:
            raise CommandError("The demo data cannot be loaded with PCC_ENV=production.")
        plan, users, password = load_demo(options["today"])
        figure_store.refresh()  # the demo opens with its figures computed
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded: {plan}."))
        self.stdout.write(f"Demo sign-ins (password for all: {password}):")
        for username, role in users:
            self.stdout.write(f"  {username:<8} {role}")
        self.stdout.write(
            "lead and admin also give a code from an authenticator app (their roles need "
            "two-factor sign-in).\nAdd this key to an app, or run "
            "`.venv/bin/python manage.py demo_code` for the code now:\n  "
            + secret_text(TOTPDevice(key=demo_authenticator_key())))
