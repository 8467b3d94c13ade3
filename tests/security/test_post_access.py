"""Every URL that refuses a role a page refuses it a POST too: the access
table (tests/access.py) drives it, so a new view is covered when it is added."""

import pytest

from tests import access
from tests.url_walk import outcome, url_cases

REFUSED = {access.FORBIDDEN, access.NOT_FOUND, access.LOGIN}


@pytest.mark.parametrize("role", access.ROLES, ids=lambda r: str(r or "anonymous"))
def test_every_post_is_refused_where_the_page_is(role, url_data, client_for):
    client = client_for(role)
    mismatches, posted = [], 0
    for name, url, admin_app in url_cases(url_data):
        refused = access.expected(name, admin_app)[role]
        if refused not in REFUSED:
            continue
        posted += 1
        got = outcome(client.post(url, {"reason": "x", "action": "revoke"}))
        if got not in (refused, access.NOT_ALLOWED):
            mismatches.append(f"POST {url} ({name}): expected {refused}, got {got}")
    assert not mismatches, "\n".join(mismatches)
    assert posted > 10
