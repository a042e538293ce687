"""The DfE's SSDA903 code for a missing episode (Missing file, column MISSING), as the return spells
it (lac_validator.config and rules 564-566 of csc-validator-be-903 0.1.17)."""

from django.db import models


class MissingKind(models.TextChoices):
    MISSING = "M", "Missing (whereabouts not known)"
    AWAY = "A", "Away from placement without authorisation (whereabouts known)"


class InterviewResponse(models.TextChoices):
    """What the child said to the return home interview offered. Not in the 903 (its Missing file has
    no interview columns in 2025-26); Ofsted's Annex A list 8 asks whether it was offered and accepted."""

    NOT_KNOWN = "", "Not known yet"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
