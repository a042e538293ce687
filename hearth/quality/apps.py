from django.apps import AppConfig


class QualityConfig(AppConfig):
    name = "hearth.quality"
    label = "quality"
    verbose_name = "Case audits"
