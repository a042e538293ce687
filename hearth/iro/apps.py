from django.apps import AppConfig


class IroConfig(AppConfig):
    name = "hearth.iro"
    label = "iro"
    verbose_name = "Independent reviewing officers"

    def ready(self):
        # Who appoints the IRO, and who the appointed IRO is.
        from hearth.iro import rules  # noqa: F401
