from django.apps import AppConfig
from django.db.models.signals import post_migrate


class OversightConfig(AppConfig):
    name = "oversight"
    verbose_name = "The Plan"

    def ready(self):
        post_migrate.connect(_sync_roles, sender=self)


def _sync_roles(**kwargs):
    # Groups follow roles.py after every migrate (permissions exist by then).
    from oversight.roles import sync_roles

    sync_roles()
