from django.apps import AppConfig


class PanelReportsConfig(AppConfig):
    """Quarterly highlight reports for the Police and Crime Panel (the panel issue)."""

    name = "panel_reports"
    verbose_name = "Panel reports"
