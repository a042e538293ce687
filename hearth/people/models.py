from django.conf import settings
from django.db import models
from django.db.models.functions import Lower

from hearth.core.text import ASCII_DIGITS


class Sex(models.TextChoices):
    # The CIN census code list from 2024-25 (Sex: F, M, U).
    FEMALE = "F", "Female"
    MALE = "M", "Male"
    UNKNOWN = "U", "Not known"


class Child(models.Model):
    """A child Hearth holds a record for. Everything else about them is a dated fact elsewhere."""

    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    date_of_birth = models.DateField(null=True, blank=True, help_text="Empty if not yet known")
    sex = models.CharField(max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name_plural = "children"
        ordering = ["last_name", "first_name", "id"]
        indexes = [models.Index(Lower("last_name"), Lower("first_name"), name="child_name_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(first_name="") & ~models.Q(last_name=""), name="child_has_a_name"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def hearth_id(self) -> str:
        """The reference people quote: H and seven digits."""
        return format_hearth_id(self.pk)


def format_hearth_id(pk: int) -> str:
    return f"H{pk:07d}"


def parse_hearth_id(text: str) -> int | None:
    """The database id from a Hearth ID as typed (H0000123, h123, 123); None if it is not one."""
    cleaned = text.strip().upper().removeprefix("H")
    return int(cleaned) if ASCII_DIGITS.fullmatch(cleaned) and len(cleaned) <= 12 else None


class RecordRestriction(models.Model):
    """A child's record restricted to named people (e.g. a child of a member of staff): everyone
    else, whatever their role, neither finds nor opens it. The child still counts in figures."""

    child = models.OneToOneField(Child, on_delete=models.PROTECT, related_name="restriction")
    reason = models.TextField()
    allowed_users = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+")
    restricted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    restricted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.CheckConstraint(condition=~models.Q(reason=""), name="restriction_has_a_reason")]

    def __str__(self) -> str:
        return f"Restriction on {self.child}"
