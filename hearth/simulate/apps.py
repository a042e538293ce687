from django.apps import AppConfig


class SimulateConfig(AppConfig):
    name = "hearth.simulate"
    label = "simulate"
