from django.apps import AppConfig


class TimescalesConfig(AppConfig):
    name = "hearth.timescales"
    label = "timescales"
