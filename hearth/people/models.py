from django.conf import settings
from django.db import models
from django.db.models.functions import Lower

from hearth.core.text import ASCII_DIGITS
from hearth.people import codes
from hearth.people.identifiers import format_nhs_number


class Sex(models.TextChoices):
    # The CIN census code list from 2024-25 (Sex: F, M, U).
    FEMALE = "F", "Female"
    MALE = "M", "Male"
    UNKNOWN = "U", "Not known"


def full_name(first_name: str, last_name: str) -> str:
    """A child's name as Hearth shows it (str(child)), for lists that read the two names without the
    record (a drill-down's thousands of rows)."""
    return f"{first_name} {last_name}"


class Child(models.Model):
    """A child Hearth holds a record for. Everything else about them is a dated fact elsewhere."""

    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    date_of_birth = models.DateField(null=True, blank=True, help_text="Empty if not yet known")
    sex = models.CharField(max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    # Digits only; shown as 3-3-4 (format_nhs_number). Empty if not known.
    nhs_number = models.CharField("NHS number", max_length=10, blank=True, default="")
    upn = models.CharField("Unique pupil number (UPN)", max_length=13, blank=True, default="")
    postcode = models.CharField(
        "home postcode", max_length=8, blank=True, default="", db_index=True, help_text="Where the child lives"
    )
    # Raised on every change of identity details, so an edit made on a stale page is refused.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name_plural = "children"
        ordering = ["last_name", "first_name", "id"]
        indexes = [
            models.Index(Lower("last_name"), Lower("first_name"), name="child_name_idx"),
            models.Index(fields=["date_of_birth"], name="child_date_of_birth_idx"),  # search and matching
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(first_name="") & ~models.Q(last_name=""), name="child_has_a_name"
            ),
            models.CheckConstraint(
                condition=models.Q(nhs_number="") | models.Q(nhs_number__regex=r"^[0-9]{10}$"),
                name="child_nhs_number_is_ten_digits",
            ),
            models.CheckConstraint(
                condition=models.Q(upn="") | models.Q(upn__regex=r"^[A-Z][0-9]{11}[0-9A-Z]$"),
                name="child_upn_is_thirteen_characters",
            ),
            # One child, one record: a second record with the same national number splits a history.
            models.UniqueConstraint(
                fields=["nhs_number"], condition=~models.Q(nhs_number=""), name="child_nhs_number_unique"
            ),
            models.UniqueConstraint(fields=["upn"], condition=~models.Q(upn=""), name="child_upn_unique"),
        ]

    def __str__(self) -> str:
        return full_name(self.first_name, self.last_name)

    @property
    def hearth_id(self) -> str:
        """The reference people quote: H and seven digits."""
        return format_hearth_id(self.pk)

    @property
    def nhs_number_display(self) -> str:
        return format_nhs_number(self.nhs_number)


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


class SealedRecord(models.Model):
    """A child's record sealed by an adoption order (the period of care ended E11 or E12): from then
    on only people an administrator has given the permission below find or open it, whatever their
    role; everyone else is answered as for any child they may not see. The child still counts in
    figures. Written only by care_end, in the same transaction as the adoption order; nothing in
    Hearth unseals it."""

    child = models.OneToOneField(Child, on_delete=models.PROTECT, related_name="seal")
    period_of_care = models.OneToOneField("care.PeriodOfCare", on_delete=models.PROTECT, related_name="+")
    adoption_order_on = models.DateField()
    sealed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    sealed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        # Granted to named people (the adoption team's managers, say) in the admin: Users > user
        # permissions, or a group holding it. Not a role: it adds to whatever role they hold.
        # Opening is for reading: changing a sealed record (a former name, an alert, a note, a
        # document, any form of it) needs the second permission as well (hearth/people/backends.py).
        permissions = [
            ("open_sealed_adoption_records", "May open sealed adoption records"),
            ("change_sealed_adoption_records", "May change sealed adoption records they have opened"),
        ]

    def __str__(self) -> str:
        return f"Sealed adoption record H{self.child_id:07d}"


class SealedRecordOpeningReason(models.TextChoices):
    """Why someone allowed to open sealed adoption records opens one: the occasions the Adoption and
    Children Act 2002 ss.56-65 and the Disclosure of Adoption Information (Post-Commencement
    Adoptions) Regulations 2005 give for using or disclosing the adoption record (docs/security.md)."""

    ADOPTED_ADULT = "ADOPTED_ADULT", "An adopted adult's request for information about their adoption"
    BIRTH_RELATIVE = "BIRTH_RELATIVE", "An application from a birth relative or another person about the adoption"
    COURT = "COURT", "A court order, or information the court needs in proceedings"
    AGENCY = "AGENCY", "A request from an adoption support agency or another agency with a right to the information"
    OTHER = "OTHER", "Another reason"


class SealedRecordOpening(models.Model):
    """One person opening one sealed adoption record, with why. Until it expires, that person (and
    no one else) may open the record's pages (people.selectors.children_visible_to); then they must
    give a reason again. Written only by people.services.sealed_record_open, with its audit event;
    kept like the record, never changed."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="sealed_record_openings")
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=20, choices=SealedRecordOpeningReason.choices)
    explanation = models.TextField()
    opened_at = models.DateTimeField()
    expires_at = models.DateTimeField()

    class Meta:
        ordering = ["opened_at", "id"]
        indexes = [models.Index(fields=["child", "opened_by", "expires_at"], name="sealed_opening_current_idx")]
        constraints = [
            models.CheckConstraint(condition=~models.Q(explanation=""), name="sealed_opening_has_an_explanation"),
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("opened_at")), name="sealed_opening_expires_after_opening"
            ),
        ]

    def __str__(self) -> str:
        return f"Opening of the sealed adoption record H{self.child_id:07d}"


class FormerName(models.Model):
    """A name the child was known by before (adoption, a change of surname, another spelling):
    kept so that a search by the old name still finds them, and so their story is complete."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="former_names")
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    used_until = models.DateField(null=True, blank=True, help_text="When the child stopped using it, if known")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-used_until", "-recorded_at"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(first_name="") & ~models.Q(last_name=""), name="former_name_has_a_name"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"


class NameKey(models.Model):
    """One searchable word of a child's current or former name, with its phonetic key
    (hearth/people/names.py). Written by the services with the name; never typed in."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="name_keys")
    word = models.CharField(max_length=200)
    sound = models.CharField(max_length=8)
    is_former = models.BooleanField(default=False)

    class Meta:
        indexes = [
            models.Index(fields=["sound"], name="name_key_sound_idx"),
            # varchar_pattern_ops lets PostgreSQL use the index for a prefix (LIKE 'smi%'); other
            # databases ignore the operator class.
            models.Index(fields=["word"], name="name_key_word_idx", opclasses=["varchar_pattern_ops"]),
        ]

    def __str__(self) -> str:
        return f"{self.word} ({self.sound})"


class RelationshipKind(models.TextChoices):
    PARENT = "PARENT", "Parent"
    FAMILY = "FAMILY", "Family"
    SIBLING = "SIBLING", "Sibling"
    CARER = "CARER", "Carer"
    PROFESSIONAL = "PROFESSIONAL", "Professional"


class RelationshipType(models.Model):
    """The code list of relationships (mother, sibling, GP...), kept as data: a council may add its
    own and retire one (active=False) without losing the records that use it."""

    code = models.CharField(max_length=30, primary_key=True)
    label = models.CharField(max_length=100)
    kind = models.CharField(max_length=20, choices=RelationshipKind.choices)
    # Only a sibling-type relationship may link two children in Hearth (and is mirrored both ways).
    links_children = models.BooleanField(default=False)
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "label"]

    def __str__(self) -> str:
        return self.label


class Person(models.Model):
    """Someone in a child's life who is not a child in Hearth: a parent, a grandparent, a GP."""

    first_name = models.CharField(max_length=100, blank=True)
    last_name = models.CharField(max_length=100)
    date_of_birth = models.DateField(null=True, blank=True)
    address = models.TextField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["last_name", "first_name", "id"]
        constraints = [models.CheckConstraint(condition=~models.Q(last_name=""), name="person_has_a_last_name")]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class Relationship(models.Model):
    """How a person, or another child in Hearth, is related to the child. A link between two
    children is stored both ways (each child's page shows the other), and ended both ways."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="relationships")
    relationship_type = models.ForeignKey(RelationshipType, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="relationships")
    other_child = models.ForeignKey(Child, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    has_parental_responsibility = models.BooleanField(default=False)
    lives_in_household = models.BooleanField(default=False)
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.TextField(blank=True)
    # Ended because it was recorded by mistake: kept as history, but nothing is read from it (an
    # "own child" link recorded in error does not make the young person a parent).
    ended_in_error = models.BooleanField(default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["relationship_type__order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person__isnull=False, other_child__isnull=True)
                | models.Q(person__isnull=True, other_child__isnull=False),
                name="relationship_is_to_a_person_or_a_child",
            ),
            models.CheckConstraint(
                condition=~models.Q(other_child=models.F("child")), name="relationship_not_to_oneself"
            ),
            # Parental responsibility is held by adults (Children Act 1989 s.3), never by a sibling.
            models.CheckConstraint(
                condition=models.Q(has_parental_responsibility=False) | models.Q(person__isnull=False),
                name="relationship_pr_held_by_a_person",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(started_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="relationship_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True) | ~models.Q(end_reason=""),
                name="relationship_end_has_a_reason",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_in_error=False) | models.Q(ended_on__isnull=False),
                name="relationship_in_error_is_ended",
            ),
            models.UniqueConstraint(
                fields=["child", "person"],
                condition=models.Q(ended_on__isnull=True, person__isnull=False),
                name="relationship_one_open_per_person",
            ),
            models.UniqueConstraint(
                fields=["child", "other_child"],
                condition=models.Q(ended_on__isnull=True, other_child__isnull=False),
                name="relationship_one_open_per_child",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.relationship_type}: {self.person or self.other_child}"

    @property
    def is_open(self) -> bool:
        return self.ended_on is None


# The child's characteristics (shared by the SSDA903 return and the children in need census) --------
#
# Each is a series of recordings, never changed or deleted: a recording says what is true from the
# date it applies from, until a later recording says otherwise. On any day, the recording in force
# is the one recorded last among those applying by then (hearth/people/characteristics_selectors.py),
# so a correction made today with an earlier date corrects every day from that date, and the
# recordings it replaces stay in the history with who made them and when. The UPN itself is an
# identifier on the child (it is the child's for life, however late it becomes known); what is
# recorded here is why it is not known. Whether a young woman is a mother, and when her first child
# was born, is read from the family record (an "own child" relationship), not recorded again.


class EthnicityRecord(models.Model):
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="ethnicity_records")
    ethnicity = models.CharField(max_length=4, choices=codes.Ethnicity.choices)
    applies_from = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-id"]
        indexes = [models.Index(fields=["child", "applies_from"], name="ethnicity_record_child_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ethnicity__in=codes.Ethnicity.values), name="ethnicity_record_dfe_code"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.ethnicity} from {self.applies_from:%d %b %Y}"


class UpnUnknownRecord(models.Model):
    """Why the child's UPN is not known (903 UPN column: UN1 to UN5 in place of the number)."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="upn_unknown_records")
    reason = models.CharField(max_length=3, choices=codes.UpnUnknownReason.choices)
    applies_from = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-id"]
        indexes = [models.Index(fields=["child", "applies_from"], name="upn_unknown_record_child_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(reason__in=codes.UpnUnknownReason.values), name="upn_unknown_record_dfe_code"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reason} from {self.applies_from:%d %b %Y}"


class DisabilityRecord(models.Model):
    """The child's disabilities as recorded from a date: one or more CIN census codes, or NONE alone."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="disability_records")
    applies_from = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-id"]
        indexes = [models.Index(fields=["child", "applies_from"], name="disability_record_child_idx")]

    def __str__(self) -> str:
        return f"Disabilities from {self.applies_from:%d %b %Y}"


class RecordedDisability(models.Model):
    record = models.ForeignKey(DisabilityRecord, on_delete=models.PROTECT, related_name="disabilities")
    disability = models.CharField(max_length=4, choices=codes.Disability.choices)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(disability__in=codes.Disability.values), name="recorded_disability_dfe_code"
            ),
            # CIN census rule 8794: no code twice for one child.
            models.UniqueConstraint(fields=["record", "disability"], name="recorded_disability_once"),
        ]

    def __str__(self) -> str:
        return self.disability


class UascRecord(models.Model):
    """The child's unaccompanied asylum-seeking status as known when recorded: from when, and when
    it ceased if it has (before their 18th birthday; it ends then at the latest). A later recording
    replaces an earlier one whole (a cease is recorded by recording the status again with its end)."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="uasc_records")
    uasc_from = models.DateField()
    ceased_on = models.DateField(null=True, blank=True)
    cease_reason = models.CharField(max_length=20, choices=codes.UascCeaseReason.choices, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ceased_on__isnull=True) | models.Q(ceased_on__gte=models.F("uasc_from")),
                name="uasc_record_ceases_after_it_starts",
            ),
            models.CheckConstraint(
                condition=models.Q(ceased_on__isnull=True, cease_reason="")
                | models.Q(ceased_on__isnull=False, cease_reason__in=codes.UascCeaseReason.values),
                name="uasc_record_cease_has_a_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"UASC from {self.uasc_from:%d %b %Y}"


# The children in need census's other identifiers of the child -------------------------------------
#
# Each is a series of recordings like the characteristics above: never changed or deleted, the one
# in force on a day the one recorded last among those applying by then, so a correction is a new
# recording and the one it replaces stays in the history. The census reads them as on 31 March.


class FormerUpnRecord(models.Model):
    """A UPN the child held before their current one (CIN census FormerUPN): for a child given a
    second UPN, the one no longer used, from the day it stopped being theirs."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="former_upn_records")
    former_upn = models.CharField("former UPN", max_length=13)
    applies_from = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-id"]
        indexes = [models.Index(fields=["child", "applies_from"], name="former_upn_record_child_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(former_upn__regex=r"^[A-Z][0-9]{11}[0-9A-Z]$"),
                name="former_upn_record_is_thirteen_characters",
            ),
        ]

    def __str__(self) -> str:
        return f"Former UPN {self.former_upn} from {self.applies_from:%d %b %Y}"


class ExpectedBirthRecord(models.Model):
    """When an unborn child is expected to be born (CIN census ExpectedPersonBirthDate), as known
    from the day it was given (a midwife's revised date is a new recording)."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="expected_birth_records")
    expected_on = models.DateField("expected date of birth")
    applies_from = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-id"]
        indexes = [models.Index(fields=["child", "applies_from"], name="expected_birth_child_idx")]

    def __str__(self) -> str:
        return f"Expected {self.expected_on:%d %b %Y}"


class DeathRecord(models.Model):
    """The day the child died (CIN census PersonDeathDate). A later recording corrects an earlier one."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="death_records")
    died_on = models.DateField("date of death")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-id"]
        indexes = [models.Index(fields=["child", "died_on"], name="death_record_child_idx")]

    def __str__(self) -> str:
        return f"Died {self.died_on:%d %b %Y}"
