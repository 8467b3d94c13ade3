"""Tests that need a program from Debian (Chromium, wrk): skipped loudly on
a developer's machine, failed in CI, where .ci/run installs them."""

import os
from typing import NoReturn

import pytest

NO_CHROMIUM = "BROWSER TESTS DID NOT RUN: install Debian's chromium (apt-get install chromium)"
NO_WRK = "THE PUBLIC PAGES BENCHMARK DID NOT RUN: install Debian's wrk (apt-get install wrk)"
# What the end of the run repeats in red when a test was skipped for it.
LOUD = (NO_CHROMIUM, NO_WRK)


def missing(reason: str, in_ci: str) -> NoReturn:
    if os.environ.get("CI"):
        pytest.fail(in_ci)
    pytest.skip(reason)
