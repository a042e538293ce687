from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Shared web parts: roles, GOV.UK form rendering, the home page and error pages."""

    name = "hearth.core"
    label = "core"
