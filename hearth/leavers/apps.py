from django.apps import AppConfig


class LeaversConfig(AppConfig):
    name = "hearth.leavers"
    label = "leavers"
    verbose_name = "Care leavers"

    def ready(self):
        # Who may see and record care leavers' contacts and pathway plans.
        from hearth.leavers import rules  # noqa: F401
