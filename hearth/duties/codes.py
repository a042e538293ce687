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


# Outcomes for children looked after 12 months (903 OC2) ---------------------------------------------


class SdqReason(models.TextChoices):
    """903 OC2 SDQ_REASON: why a child has no SDQ score (validator rule 196; labels in
    docs/domain-verification.md). SDQ1 (the child is outside the 4-16 age range) is never typed: the
    return works it out from the date of birth (hearth/duties/return903.py)."""

    SDQ1 = "SDQ1", "SDQ1: no SDQ because the child is under 4 or over 16"
    SDQ2 = "SDQ2", "SDQ2: the carer(s) refused to complete the SDQ"
    SDQ3 = "SDQ3", "SDQ3: the severity of the child's disability prevented it"
    SDQ4 = "SDQ4", "SDQ4: another reason"
    SDQ5 = "SDQ5", "SDQ5: the child refused to complete the SDQ"


RECORDABLE_SDQ_REASONS = [choice for choice in SdqReason.choices if choice[0] != SdqReason.SDQ1]


class HealthStatusKind(models.TextChoices):
    """Statements about a child's health record as at a date (903 OC2 IMMUNISATIONS, HEALTH_CHECK)."""

    IMMUNISATIONS = "IMM", "Immunisations up to date"
    DEVELOPMENT = "DEV", "Health promotion (development) checks up to date (under 5)"


class SubstanceIntervention(models.TextChoices):
    """After a substance misuse problem was identified: whether an intervention was received, offered
    and refused, or not offered (903 OC2 INTERVENTION_RECEIVED, INTERVENTION_OFFERED: rules 158, 159)."""

    RECEIVED = "RECEIVED", "The child received an intervention"
    REFUSED = "REFUSED", "An intervention was offered and the child refused it"
    NOT_OFFERED = "NOT_OFFERED", "No intervention was offered"


# Personal education plans -----------------------------------------------------------------------


class VirtualSchoolInvolvement(models.TextChoices):
    """How the virtual school (the virtual school head's team, Children and Families Act 2014 s.99) took
    part in a personal education plan."""

    ATTENDED = "ATTENDED", "The virtual school attended the PEP meeting"
    CONTRIBUTED = "CONTRIBUTED", "The virtual school contributed without attending (in writing, or by checking the PEP)"
    NOT_INVOLVED = "NONE", "The virtual school was not involved"
