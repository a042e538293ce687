"""The DfE's SSDA903 OC3 code lists for care leavers (in touch, main activity, accommodation), as the
return spells them, and how a personal adviser's contact was made (DOMAIN 2.6)."""

from django.db import models


class InTouch(models.TextChoices):
    # 903 OC3 IN_TOUCH.
    YES = "YES", "In touch"
    NO = "NO", "Not in touch"
    DIED = "DIED", "Died"
    REFU = "REFU", "Refuses contact"
    NREQ = "NREQ", "No longer requires services"
    RHOM = "RHOM", "Returned home to parents for six months or more"


class Activity(models.TextChoices):
    # 903 OC3 ACTIV: the care leaver's main activity.
    F1 = "F1", "F1: full-time higher education"
    P1 = "P1", "P1: part-time higher education"
    F2 = "F2", "F2: full-time other education"
    P2 = "P2", "P2: part-time other education"
    F4 = "F4", "F4: full-time employment"
    P4 = "P4", "P4: part-time employment"
    F5 = "F5", "F5: full-time training"
    P5 = "P5", "P5: part-time training"
    G4 = "G4", "G4: not in education, employment or training: illness or disability"
    G5 = "G5", "G5: not in education, employment or training: other reasons"
    G6 = "G6", "G6: not in education, employment or training: pregnancy or parenting"
    NONE = "0", "0: no information"


IN_EDUCATION_EMPLOYMENT_OR_TRAINING = frozenset({"F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5"})
NOT_IN_EDUCATION_EMPLOYMENT_OR_TRAINING = frozenset({"G4", "G5", "G6"})


class Accommodation(models.TextChoices):
    # 903 OC3 ACCOM, the letter; whether it is suitable is recorded separately (the return's 1 or 2).
    B = "B", "B: with parents or relatives"
    C = "C", "C: community home or other residential care"
    D = "D", "D: semi-independent, transitional accommodation"
    E = "E", "E: supported lodgings"
    G = "G", "G: gone abroad"
    H = "H", "H: deported"
    K = "K", "K: ordinary lodgings, without formal support"
    R = "R", "R: residence not known"
    S = "S", "S: no fixed abode or homeless"
    T = "T", "T: foyers and similar supported accommodation"
    U = "U", "U: independent living"
    V = "V", "V: emergency accommodation"
    W = "W", "W: bed and breakfast"
    X = "X", "X: in custody"
    Y = "Y", "Y: other accommodation"
    Z = "Z", "Z: with former foster carers"
    NONE = "0", "0: no information"


class ContactMethod(models.TextChoices):
    IN_PERSON = "IN_PERSON", "Seen in person"
    PHONE = "PHONE", "Phone or video call"
    MESSAGE = "MESSAGE", "Text, email or letter"
