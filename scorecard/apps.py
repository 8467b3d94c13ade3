from django.apps import AppConfig


class ScorecardConfig(AppConfig):
    """KPI measures and monthly force data (built by the scorecard issues)."""

    name = "scorecard"
