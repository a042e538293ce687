from django.apps import AppConfig


class VisitsConfig(AppConfig):
    name = "hearth.visits"
    label = "visits"
