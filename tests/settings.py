"""Test settings: the real settings, with static files found without collectstatic."""

from oversight.settings import *  # noqa: F403

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Fast hashing: tests create many users; production keeps Django's default.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Each test's database is rolled back: no public page is held in memory
# between requests (tests/oversight/core/test_public_cache.py turns it on).
PUBLIC_PAGES_IN_MEMORY_SECONDS = 0
