"""The base layout: landmarks, security headers, no inline script."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_csp_allows_no_inline_script_and_pages_have_none(staff_client, current_plan):
    for url in [reverse("login"), reverse("home"), reverse("plan:current"),
                reverse("plan:deliverables")]:
        response = staff_client.get(url)
        policy = response["Content-Security-Policy"]
        script_src = re.search(r"script-src ([^;]*)", policy).group(1)
        assert script_src.strip() == "'self'", url
        page = response.content.decode()
        assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", page) == [], url
        assert re.findall(r"\son[a-z]+=", page) == [], url  # no inline handlers


def test_layout_has_skip_link_main_landmark_and_own_header(staff_client):
    page = staff_client.get(reverse("home")).content.decode()
    assert '<a href="#main-content" class="govuk-skip-link"' in page
    assert '<main class="govuk-main-wrapper" id="main-content">' in page
    assert ">PCC Oversight</a>" in page
    assert "govuk-header__logotype" not in page and "crown" not in page.lower()
    assert 'href="/accessibility/"' in page
    assert 'media="print"' in page


def test_pages_cannot_be_framed(client):
    response = client.get(reverse("login"))
    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_template_comments_close_on_their_own_line():
    """Django's {# #} comments are one line: an unclosed one prints as text."""
    from pathlib import Path

    from django.conf import settings

    unclosed = [f"{path}:{number}"
                for path in sorted(Path(settings.BASE_DIR, "templates").rglob("*.html"))
                for number, line in enumerate(path.read_text().splitlines(), 1)
                if "{#" in line and "#}" not in line[line.index("{#"):]]
    assert unclosed == []
