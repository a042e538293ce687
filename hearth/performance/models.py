from django.conf import settings
from django.db import models


class Target(models.Model):
    """The council's target for an indicator in a statutory year, with the tolerance that makes
    amber: set by the performance team, never in code."""

    indicator_id = models.CharField(max_length=10)
    year = models.PositiveIntegerField(help_text="The statutory year's first calendar year: 2025 for 2025-26")
    target = models.DecimalField(max_digits=9, decimal_places=2, help_text="In the indicator's unit (% or count)")
    tolerance = models.DecimalField(max_digits=9, decimal_places=2, help_text="How far short is amber, not red")
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, help_text="Raised by each change: refuses a stale edit")

    class Meta:
        ordering = ["indicator_id", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator_id", "year"], name="one_target_per_indicator_year"),
            models.CheckConstraint(condition=models.Q(tolerance__gte=0, target__gte=0), name="target_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.year}-{(self.year + 1) % 100:02d}: {self.target}"


class Geography(models.TextChoices):
    ENGLAND = "ENGLAND", "England"
    STATISTICAL_NEIGHBOURS = "SN", "Statistical neighbours (average)"
    REGION = "REGION", "Region"


class Benchmark(models.Model):
    """A published comparison figure (DfE statistics, LAIT) for an indicator and year, as data."""

    indicator_id = models.CharField(max_length=10)
    year = models.PositiveIntegerField(help_text="The statutory year's first calendar year: 2024 for 2024-25")
    geography = models.CharField(max_length=10, choices=Geography.choices)
    value = models.DecimalField(max_digits=9, decimal_places=2)
    source = models.CharField(max_length=300)
    published_on = models.DateField()
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["indicator_id", "-year", "geography"]
        constraints = [
            models.UniqueConstraint(fields=["indicator_id", "year", "geography"], name="one_benchmark_per_place_year")
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.year} {self.geography}: {self.value}"
