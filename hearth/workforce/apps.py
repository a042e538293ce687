from django.apps import AppConfig


class WorkforceConfig(AppConfig):
    name = "hearth.workforce"
    label = "workforce"
