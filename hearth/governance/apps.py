from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    """Records governance: how long each child's record is kept, and the report of records past their
    retention period. It reads every area's facts, so it sits at the top of the layers."""

    name = "hearth.governance"
    label = "governance"
    verbose_name = "Records governance"
