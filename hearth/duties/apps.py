from django.apps import AppConfig


class DutiesConfig(AppConfig):
    name = "hearth.duties"
    label = "duties"
    verbose_name = "Looked-after children's duties"

    def ready(self):
        # Who may record reviews and health checks, and see the children they review.
        from hearth.duties import rules  # noqa: F401
