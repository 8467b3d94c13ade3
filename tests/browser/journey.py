"""What every journey does: sign in through the form (with a code where the role
needs one) and ask axe-core for WCAG 2.2 A/AA violations; the size of an A4
landscape page in PDF points."""

from axe_playwright_python.sync_playwright import Axe

from tests.factories import PASSWORD

WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE = Axe()
A4_LANDSCAPE_POINTS = (841.92, 595.92)


def violations(page):
    results = AXE.run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_AA}})
    return [
        f"{page.url}: {v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]


def sign_in(page, username, password=PASSWORD):
    """The sign-in form, and the code from the user's authenticator if their
    role needs one (a test phone is given them if they have none)."""
    from django.contrib.auth import get_user_model

    from oversight.core import two_factor
    from tests.conftest import code_now, give_authenticator

    user = get_user_model().objects.get(username=username)
    device = None
    if two_factor.needs_code(user):
        device = two_factor.authenticator(user) or give_authenticator(user)
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    if device is not None:
        page.get_by_label("Code").fill(code_now(device))
        page.get_by_role("button", name="Continue").click()
