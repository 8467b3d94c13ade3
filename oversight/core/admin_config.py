"""Installs OversightAdminSite as the admin site (kept apart: app configs
load before models, and the site module needs them)."""

from django.contrib.admin.apps import AdminConfig


class OversightAdminConfig(AdminConfig):
    default_site = "oversight.core.admin_site.OversightAdminSite"
