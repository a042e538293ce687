from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "hearth.performance"
    label = "performance"
