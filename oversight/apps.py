from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


class OversightConfig(AppConfig):
    name = "oversight"
    verbose_name = "The Plan"

    def ready(self) -> None:
        post_migrate.connect(_sync_roles, sender=self)
        # Sign-in and role-change receivers, and the settings checks.
        from oversight.core import checks, role_changes, session_security, two_factor  # noqa: F401


def _sync_roles(using="default", **kwargs) -> None:
    # Groups follow roles.py after every migrate. Roles name permissions of
    # apps whose post_migrate has not run yet, so create them all first.
    from django.contrib.auth.management import create_permissions

    from oversight.core.roles import sync_roles

    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    sync_roles()
    _install_role_change_triggers(using)


def _install_role_change_triggers(using: str) -> None:
    """The triggers recording role and permission changes (oversight.models.
    RoleChange and the permission links) sit on Django's own many-to-many
    tables, which have no migrations of their own, so they are installed here
    after every migrate (installing is idempotent)."""
    import pgtrigger
    from django.contrib.auth.models import Group, User

    tables = {User.groups.through, User.user_permissions.through, Group.permissions.through}
    uris = [trigger.get_uri(model) for model, trigger in pgtrigger.registered()
            if model in tables]
    pgtrigger.install(*uris, database=using)
