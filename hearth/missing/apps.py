from django.apps import AppConfig


class MissingConfig(AppConfig):
    name = "hearth.missing"
    label = "missing"
    verbose_name = "Missing and away from placement"

    def ready(self):
        # Who records a looked-after child's missing episodes and return home interviews.
        from hearth.missing import rules  # noqa: F401
