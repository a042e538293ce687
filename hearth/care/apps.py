from django.apps import AppConfig


class CareConfig(AppConfig):
    name = "hearth.care"
    label = "care"
    verbose_name = "Looked-after children and care leavers"

    def ready(self):
        # The care record's permissions (its own module: see record_rules.py).
        from hearth.care import record_rules  # noqa: F401
