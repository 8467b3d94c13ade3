"""Drafts and published records of every kind the public site shows: each
published one, and each draft, with text and figures found nowhere else, so a
test can look for the drafts' on every public page."""

import pytest

from tests.panel_reports.conftest import draft, published  # noqa: F401
from tests.publications import published_decision


@pytest.fixture
def public_decision(staff, lead):
    return published_decision(staff, lead, "2026/001", "Funding for the Safer Streets scheme")
