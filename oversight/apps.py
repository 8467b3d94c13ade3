from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


class OversightConfig(AppConfig):
    name = "oversight"
    verbose_name = "The Plan"

    def ready(self):
        post_migrate.connect(_sync_roles, sender=self)


def _sync_roles(using="default", **kwargs):
    # Groups follow roles.py after every migrate. Roles name permissions of
    # apps whose post_migrate has not run yet, so create them all first.
    from django.contrib.auth.management import create_permissions

    from oversight.roles import sync_roles

    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    sync_roles()
