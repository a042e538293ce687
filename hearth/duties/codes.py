"""The DfE's SSDA903 code list for how a looked-after child took part in their review, and the kinds
of health check (DOMAIN 2.3, 5.1), as the return spells them."""

from django.db import models


class ReviewParticipation(models.TextChoices):
    # 903 Reviews REVIEW_CODE: how the child took part in the looked-after review.
    PN0 = "PN0", "PN0: child under 4 at the time of the review"
    PN1 = "PN1", "PN1: child attended and spoke for themselves"
    PN2 = "PN2", "PN2: child attended and an advocate spoke for them"
    PN3 = "PN3", "PN3: child attended and conveyed their views non-verbally"
    PN4 = "PN4", "PN4: child attended but did not convey their views"
    PN5 = "PN5", "PN5: child did not attend and briefed an advocate to speak for them"
    PN6 = "PN6", "PN6: child did not attend and conveyed their views by other means"
    PN7 = "PN7", "PN7: child did not attend and their views were not conveyed"


class HealthCheckKind(models.TextChoices):
    INITIAL = "IHA", "Initial health assessment (by a doctor)"
    REVIEW = "RHA", "Review health assessment"
    DENTAL = "DENTAL", "Dental check"
