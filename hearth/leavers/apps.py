from django.apps import AppConfig


class LeaversConfig(AppConfig):
    name = "hearth.leavers"
    label = "leavers"
    verbose_name = "Care leavers"
