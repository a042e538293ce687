from django.apps import AppConfig


class IroConfig(AppConfig):
    name = "hearth.iro"
    label = "iro"
    verbose_name = "Independent reviewing officers"
