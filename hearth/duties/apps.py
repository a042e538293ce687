from django.apps import AppConfig


class DutiesConfig(AppConfig):
    name = "hearth.duties"
    label = "duties"
    verbose_name = "Looked-after children's duties"
