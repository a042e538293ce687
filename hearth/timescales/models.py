from django.core.exceptions import ValidationError
from django.db import models

from hearth.timescales.rules import RULES, RULES_BY_ID


def rules_allowing_a_local_standard() -> list[tuple[str, str]]:
    # A callable, so that adding a rule to the table needs no migration.
    return [(r.id, f"{r.id}: {r.duty}") for r in RULES if r.local_standard_allowed]


class LocalStandard(models.Model):
    """A council's own, stricter limit for a rule that allows one (e.g. assessments in 35 working days)."""

    rule_id = models.CharField(max_length=10, unique=True, choices=rules_allowing_a_local_standard)
    limit = models.PositiveIntegerField(help_text="In the rule's own unit")
    source = models.CharField(max_length=300, help_text="Who set this standard and when")

    class Meta:
        ordering = ["rule_id"]

    def __str__(self) -> str:
        rule = RULES_BY_ID[self.rule_id]
        return f"{self.rule_id}: {self.limit} {rule.unit} (national {rule.limit})"

    def clean(self):
        rule = RULES_BY_ID.get(self.rule_id)
        if rule is None or not rule.local_standard_allowed:
            raise ValidationError({"rule_id": "This rule has no local standard"})
        if self.limit is not None and not 0 < self.limit <= rule.limit:
            raise ValidationError(
                {"limit": f"A local standard must be between 1 and the national {rule.limit} {rule.unit}"}
            )
