"""Settings for PCC Oversight, read from the environment.

PCC_ENV=production turns on the production posture: DEBUG off, secure
cookies, HSTS, and a fast failure when SECRET_KEY, ALLOWED_HOSTS or
DATABASE_URL is missing. Anything else is development.
"""

import os
from datetime import timedelta
from pathlib import Path

import pghistory
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from oversight.core.database import database_config
from oversight.core.local_data import stored_secret

BASE_DIR = Path(__file__).resolve().parent.parent
PRODUCTION = os.environ.get("PCC_ENV", "development") == "production"
# A TLS proxy in front sets X-Forwarded-For and X-Forwarded-Proto.
BEHIND_TLS_PROXY = os.environ.get("BEHIND_TLS_PROXY") == "1"


def env_list(name: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


def required(name: str) -> str:
    value = os.environ.get(name, "")
    if not value:
        raise ImproperlyConfigured(f"{name} must be set when PCC_ENV=production.")
    return value


if PRODUCTION:
    SECRET_KEY = required("SECRET_KEY")
    required("ALLOWED_HOSTS")
    required("DATABASE_URL")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
    DEBUG = False
else:
    SECRET_KEY = os.environ.get("SECRET_KEY") or stored_secret(BASE_DIR, "secret_key", 50)
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") or ["localhost", "127.0.0.1", "[::1]"]
    DEBUG = os.environ.get("DJANGO_DEBUG") == "1"

CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "oversight.core.admin_config.OversightAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "django_tables2",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "pgtrigger",
    "pghistory",
    "procrastinate.contrib.django",
    "oversight",
    "scorecard",
    "elg",
    "panel_reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy, Permissions-Policy; no-store on signed-in pages.
    "oversight.core.session_security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The public site's kept pages, answered before sessions and sign-in run.
    "oversight.core.public_cache.PublicPageCache",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Before anything reads a request body (CSRF reads anonymous ones).
    "oversight.core.limits.RequestBodyLimitMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Sessions end after SESSION_ABSOLUTE_SECONDS; roles that need a second
    # factor reach nothing before it.
    "oversight.core.session_security.SessionLifetimeMiddleware",
    "oversight.core.session_security.TwoFactorMiddleware",
    # Attaches who and which page to every change the history triggers record.
    "oversight.core.audit_context.AuditMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A page that meets a bulk load's locks says so (503) instead of hanging.
    "oversight.core.locks.BusyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "oversight.urls"
WSGI_APPLICATION = "oversight.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "oversight.portal.navigation.navigation",
            ],
        },
    },
]

DATABASES = {"default": database_config(BASE_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Permissions are the roles' declared ones (oversight/core/roles.py).
    "oversight.core.role_backend.RoleBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Failed sign-ins, counted over the cool-off (oversight/sign_in_limits.py):
# five for one account from one address (so nobody elsewhere can lock the
# OPCC lead out with five guesses), twenty for one account from anywhere
# (guessing from many addresses), and a hundred from one address across
# accounts (trying a few passwords on many accounts), which is high enough
# for a police station whose officers share one address.
AXES_HANDLER = "oversight.core.sign_in_limits.SignInLimits"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username", "ip_address"]
AXES_FAILURE_LIMIT = 5
ACCOUNT_FAILURE_LIMIT = int(os.environ.get("ACCOUNT_FAILURE_LIMIT", "20"))
ADDRESS_FAILURE_LIMIT = int(os.environ.get("ADDRESS_FAILURE_LIMIT", "100"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOCKOUT_MINUTES", "30")))
# The address is the connection's own, or the one the TLS proxy in front
# says it saw: never a header a client could set itself.
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if BEHIND_TLS_PROXY else ["REMOTE_ADDR"])
AXES_IPWARE_PROXY_COUNT = 1 if BEHIND_TLS_PROXY else None
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_ENABLE_ACCESS_FAILURE_LOG = True  # administrators can see failed sign-ins

# Two-factor sign-in (TOTP, django-otp: decision record 6) is required for
# these roles; anyone else who has set it up is asked for it too.
TWO_FACTOR_ROLES = env_list("TWO_FACTOR_ROLES") or ["OPCC lead", "Administrator"]
OTP_TOTP_ISSUER = "PCC Oversight"
# An authenticator's codes may be a step (30 s) early or late.
OTP_TOTP_TOLERANCE = 1

# Idle timeout: the session expires after this many seconds without a request
# (give or take SESSION_TOUCH_SECONDS: the session is saved, restarting the
# clock, at most that often; oversight/core/session_security.py).
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_IDLE_SECONDS", "1800"))
SESSION_TOUCH_SECONDS = 60
SESSION_ENGINE = "oversight.core.session_store"
# However busy, a session ends this long after sign-in.
SESSION_ABSOLUTE_SECONDS = int(os.environ.get("SESSION_ABSOLUTE_SECONDS", str(10 * 3600)))
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static", BASE_DIR / "build" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "1") == "1"
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    if BEHIND_TLS_PROXY:
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# A deliverable is "behind" when its progress trails the share of time
# elapsed by more than this many percentage points.
DELIVERABLE_BEHIND_TOLERANCE = int(os.environ.get("DELIVERABLE_BEHIND_TOLERANCE", "10"))

DJANGO_TABLES2_TEMPLATE = "tables/govuk_table.html"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# The largest spreadsheet the upload page accepts, in megabytes.
UPLOAD_MAX_BYTES = int(os.environ.get("UPLOAD_MAX_MB", "20")) * 1_000_000
# Files of up to this many rows are checked and imported while their user
# waits; larger ones by the background worker, with a progress page.
UPLOAD_IN_REQUEST_ROWS = int(os.environ.get("UPLOAD_IN_REQUEST_ROWS", "50000"))
# A page recomputes out-of-date KPI figures itself if that reads at most this
# many monthly values (a demo's whole history, or a new month of a few hundred
# series, in well under a second); more is left to the worker (scorecard/figures.py).
FIGURES_IN_REQUEST_VALUES = int(os.environ.get("FIGURES_IN_REQUEST_VALUES", "100000"))
# The largest request body, refused before it is read: a little above the
# largest upload, for the form around it. Without a session, only as much as
# a sign-in form needs.
REQUEST_BODY_MAX_BYTES = int(os.environ.get(
    "REQUEST_BODY_MAX_BYTES", str(UPLOAD_MAX_BYTES + 1_000_000)))
ANONYMOUS_BODY_MAX_BYTES = 64_000
# Django keeps uploads up to this size in memory, larger ones in a temp file.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5_000_000

# Background jobs (oversight/core/jobs.py). Each app's tasks.py is found by
# procrastinate itself; the foundation's jobs are named here.
PROCRASTINATE_IMPORT_PATHS = ["oversight.core.jobs"]
PROCRASTINATE_WORKER_DEFAULTS = {"concurrency": 2}  # an import and a print at once

# Requests that change data get a history context (who, which page); reads
# need none.
PGHISTORY_MIDDLEWARE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
# History rows copy their model's foreign keys; indexing every copy would
# slow bulk imports for queries nobody makes. Event models that are read by
# a foreign key declare that index themselves (scorecard/models.py).
PGHISTORY_FOREIGN_KEY_FIELD = pghistory.ForeignKey(db_index=False)
# History is never edited: every event table refuses UPDATE and DELETE.
PGHISTORY_APPEND_ONLY = True
# A progress update can be edited for this long after it is recorded, then
# stands (a database trigger; changing it needs makemigrations and migrate).
STATEMENT_GRACE_MINUTES = 60

# The office and its holder, as the public site names them. Who governs
# policing locally is set to change (PCC functions are to move to mayors and
# policing and crime boards), so no page writes them into its text.
OFFICE_NAME = os.environ.get(
    "OFFICE_NAME", "Office of the Police and Crime Commissioner for Wiltshire and Swindon")
OFFICE_SHORT_NAME = os.environ.get("OFFICE_SHORT_NAME", "OPCC")
OFFICE_HOLDER_TITLE = os.environ.get("OFFICE_HOLDER_TITLE", "Police and Crime Commissioner")
POLICE_AREA = os.environ.get("POLICE_AREA", "Wiltshire and Swindon")
# The public site's address: readable by anyone, without signing in.
PUBLIC_SITE_PREFIX = "/public/"
# How long a web process answers a public page from its own memory before
# asking the database again (oversight/core/public_cache.py).
PUBLIC_PAGES_IN_MEMORY_SECONDS = float(os.environ.get("PUBLIC_PAGES_IN_MEMORY_SECONDS", "2"))

# Segregation of duties: whoever submits a panel report cannot publish it.
# A one-person office sets ALLOW_PUBLISHING_OWN_SUBMISSION=1.
ALLOW_PUBLISHING_OWN_SUBMISSION = os.environ.get("ALLOW_PUBLISHING_OWN_SUBMISSION") == "1"

# PDF downloads are printed by headless Chromium (decision record 0005):
# CHROMIUM names its program, otherwise Debian's `chromium` on the PATH.
CHROMIUM_PATH = os.environ.get("CHROMIUM", "")
# A web request's limit (gunicorn.conf.py), and a print's, well within it: a
# print is stopped, and says so, before its web worker would be killed.
WEB_TIMEOUT_SECONDS = int(os.environ.get("WEB_TIMEOUT_SECONDS", "30"))
PDF_TIMEOUT_SECONDS = int(os.environ.get("PDF_TIMEOUT_SECONDS", "20"))
# Prints at once, across every web process and worker on the database.
PDF_CONCURRENCY = int(os.environ.get("PDF_CONCURRENCY", "2"))
# Run as root (a container), Chromium prints as this unprivileged user, in
# its sandbox. Not root, PDF_SANDBOX=0 turns the sandbox off where the
# platform has no user namespaces for it.
PDF_USER = os.environ.get("PDF_USER", "nobody")
PDF_SANDBOX = os.environ.get("PDF_SANDBOX", "1") == "1"
