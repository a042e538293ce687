from django.apps import AppConfig


class FosteringConfig(AppConfig):
    name = "hearth.fostering"
    label = "fostering"
    verbose_name = "Foster carers, adopters and sufficiency"

    def ready(self):
        # Who may approve households, change their status, record exemptions and read sufficiency.
        from hearth.fostering import rules  # noqa: F401
