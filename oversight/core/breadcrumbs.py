"""Breadcrumbs: every trail starts at Home."""

from collections.abc import Callable

from django.urls import reverse

Crumb = tuple[str, str]


def trail(*steps: Crumb, home: str = "home") -> list[Crumb]:
    """Home (the portal's, or the public site's), then `steps` as (label, address)."""
    return [("Home", reverse(home)), *steps]


def section(label: str, url_name: str, home: str = "home") -> Callable[..., list[Crumb]]:
    """The trail maker of a section: Home, the section's page, then any steps."""

    def crumbs(*steps: Crumb) -> list[Crumb]:
        return trail((label, reverse(url_name)), *steps, home=home)

    return crumbs
