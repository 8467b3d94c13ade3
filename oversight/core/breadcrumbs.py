"""Breadcrumbs: every trail starts at Home."""

from collections.abc import Callable

from django.urls import reverse

Crumb = tuple[str, str]


def trail(*steps: Crumb) -> list[Crumb]:
    """Home, then `steps` as (label, address)."""
    return [("Home", reverse("home")), *steps]


def section(label: str, url_name: str) -> Callable[..., list[Crumb]]:
    """The trail maker of a section: Home, the section's page, then any steps."""

    def crumbs(*steps: Crumb) -> list[Crumb]:
        return trail((label, reverse(url_name)), *steps)

    return crumbs
