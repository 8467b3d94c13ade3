from django.apps import AppConfig


class ElgConfig(AppConfig):
    """Executive Leadership Group meetings and KLOE briefings (the ELG issue)."""

    name = "elg"
    verbose_name = "ELG"
