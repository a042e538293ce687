from django.apps import AppConfig


class CareConfig(AppConfig):
    name = "hearth.care"
    label = "care"
    verbose_name = "Looked-after children and care leavers"
