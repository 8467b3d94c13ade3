from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from oversight.core.two_factor import current_code
from oversight.demo import demo_authenticator_key


class Command(BaseCommand):
    help = "Print the demo authenticator's code now (for lead and admin in the demo)."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("There is no demo authenticator with PCC_ENV=production.")
        code, left = current_code(TOTPDevice(key=demo_authenticator_key()))
        self.stdout.write(f"{code}  (for {left} more seconds)")
