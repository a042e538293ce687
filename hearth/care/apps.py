from django.apps import AppConfig


class CareConfig(AppConfig):
    name = "hearth.care"
    label = "care"
    verbose_name = "Looked-after children"

    def ready(self):
        # Who may start, change and read a child's period of care.
        from hearth.care import rules  # noqa: F401
