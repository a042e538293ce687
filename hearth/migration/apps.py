from django.apps import AppConfig


class MigrationConfig(AppConfig):
    """Migration: a council starts Hearth with its history, imported from the SSDA903 returns it
    already holds. It writes through every area's services, so it sits at the top of the layers,
    beside the returns (docs/migration.md)."""

    name = "hearth.migration"
    label = "migration"
    verbose_name = "Migration from past returns"
