"""Production settings: check --deploy is clean, and missing secrets fail fast."""


import pytest

from tests.production import PRODUCTION, manage


def test_check_deploy_reports_nothing_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_fails_fast_without_a_required_setting(missing):
    env = {**PRODUCTION, missing: ""}
    result = manage("check", **env)
    assert result.returncode != 0
    assert f"{missing} must be set when PCC_ENV=production" in result.stderr


def test_production_settings_are_secure():
    code = (
        "from django.conf import settings as s;"
        "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS,"
        " s.STORAGES['staticfiles']['BACKEND'])"
    )
    result = manage("shell", "--no-imports", "-c", code, **PRODUCTION)
    assert result.stdout.split() == [
        "False", "True", "True", "31536000",
        "whitenoise.storage.CompressedManifestStaticFilesStorage",
    ]


def test_collectstatic_with_the_production_storage_succeeds(tmp_path):
    # The manifest storage fails on any asset whose CSS or source map points
    # at a missing file; the tests themselves serve static files unhashed.
    code = (
        "from django.conf import settings;"
        f"settings.STATIC_ROOT = {str(tmp_path)!r};"
        "from django.core.management import call_command;"
        "call_command('collectstatic', interactive=False, verbosity=0)"
    )
    result = manage("shell", "--no-imports", "-c", code)
    assert result.returncode == 0, result.stderr
    manifest = (tmp_path / "staticfiles.json").read_text()
    assert "css/app.css" in manifest and "govuk/all.bundle.js" in manifest
    assert list(tmp_path.glob("css/app.*.css.gz"))


def test_a_print_must_end_before_its_request_would_be_killed(settings):
    from oversight.core.checks import prints_end_before_their_request

    assert prints_end_before_their_request(None) == []
    settings.PDF_TIMEOUT_SECONDS = settings.WEB_TIMEOUT_SECONDS
    [error] = prints_end_before_their_request(None)
    assert error.id == "oversight.E001"
