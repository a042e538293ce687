from django.apps import AppConfig


class PermanenceConfig(AppConfig):
    name = "hearth.permanence"
    label = "permanence"
    verbose_name = "Permanence and adoption"

    def ready(self):
        # Who may record a child's adoption facts and previous permanence.
        from hearth.permanence import rules  # noqa: F401
