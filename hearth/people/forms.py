from django import forms

from hearth.core.forms import GovukDateField, GovukForm
from hearth.core.roles import CASE_RECORD_ROLES
from hearth.people.models import SealedRecordOpeningReason, Sex
from hearth.people.services import (
    ERROR_OPENING_EXPLANATION_REQUIRED,
    ERROR_OPENING_EXPLANATION_TOO_LONG,
    ERROR_OPENING_REASON_REQUIRED,
    OPENING_EXPLANATION_MAX_CHARACTERS,
)


class ChildSearchForm(GovukForm):
    q = forms.CharField(
        label="Name, date of birth, Hearth ID, NHS number or UPN",
        max_length=200,
        required=False,
        help_text="For example, Jordan Smith, Jordan Smith 3/5/2015, H0000123 or 943 476 5919. "
        "Part of a name, a former name or a spelling that sounds alike will do",
    )


class ChildForm(GovukForm):
    first_name = forms.CharField(
        label="First name", max_length=100, error_messages={"required": "Enter the child's first name"}
    )
    last_name = forms.CharField(
        label="Last name", max_length=100, error_messages={"required": "Enter the child's last name"}
    )
    date_of_birth = GovukDateField(
        label="Date of birth", required=False, help_text="For example, 27 3 2015. Leave empty if not known"
    )
    sex = forms.ChoiceField(label="Sex", choices=Sex.choices, widget=forms.RadioSelect, initial=Sex.UNKNOWN)
    nhs_number = forms.CharField(
        label="NHS number", max_length=20, required=False, help_text="10 digits, if known, for example 943 476 5919"
    )
    upn = forms.CharField(
        label="Unique pupil number (UPN)", max_length=20, required=False, help_text="13 characters, if known"
    )
    postcode = forms.CharField(
        label="Home postcode", max_length=10, required=False, help_text="Where the child lives, if known"
    )

    def ask_to_confirm_not_a_duplicate(self):
        """Once possible matches have been shown: the person must say none of them is this child."""
        self.fields["not_a_duplicate"] = forms.BooleanField(
            label="None of these is the child: create a new record", required=False
        )


class RestrictionForm(GovukForm):
    service_error_fields = {"allowed_user_ids": "allowed_users"}

    reason = forms.CharField(
        label="Why is the record restricted?",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example, the child's parent works in children's services",
        error_messages={"required": "Enter why the record is restricted"},
    )
    allowed_users = forms.ModelMultipleChoiceField(
        label="Who may see the record",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text="Everyone else, whatever their role, will neither find nor open it. You are included.",
        error_messages={"required": "Name at least one person, besides you, who may see the record"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from django.contrib.auth import get_user_model

        self.fields["allowed_users"].queryset = (
            get_user_model()
            .objects.filter(is_active=True, groups__name__in=[role.value for role in CASE_RECORD_ROLES])
            .distinct()
            .order_by("last_name", "first_name")
        )
        self.fields["allowed_users"].label_from_instance = lambda user: (
            f"{user.get_full_name() or user.username} ({', '.join(g.name for g in user.groups.all())})"
        )


NHS_NUMBER_HELP = "10 digits, for example 943 476 5919. Leave empty if not known"
UPN_HELP = "13 characters, starting with a letter, for example A123456789012. Leave empty if not known"


class ChildIdentityForm(GovukForm):
    """The child's identity details, with the version the page was opened at (optimistic check)."""

    first_name = forms.CharField(
        label="First name", max_length=100, error_messages={"required": "Enter the child's first name"}
    )
    last_name = forms.CharField(
        label="Last name", max_length=100, error_messages={"required": "Enter the child's last name"}
    )
    date_of_birth = GovukDateField(
        label="Date of birth", required=False, help_text="For example, 27 3 2015. Leave empty if not known"
    )
    sex = forms.ChoiceField(label="Sex", choices=Sex.choices, widget=forms.RadioSelect)
    nhs_number = forms.CharField(label="NHS number", max_length=20, required=False, help_text=NHS_NUMBER_HELP)
    upn = forms.CharField(label="Unique pupil number (UPN)", max_length=20, required=False, help_text=UPN_HELP)
    postcode = forms.CharField(
        label="Home postcode", max_length=10, required=False, help_text="Where the child lives, if known"
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**31 - 1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nhs_number"].widget.govuk_classes = "govuk-input--width-10"
        self.fields["upn"].widget.govuk_classes = "govuk-input--width-10"
        self.fields["postcode"].widget.govuk_classes = "govuk-input--width-10"
        self.fields["version"].error_messages["required"] = "Open the page again: it was missing its version"


class FormerNameForm(GovukForm):
    first_name = forms.CharField(
        label="First name", max_length=100, error_messages={"required": "Enter the first name the child used"}
    )
    last_name = forms.CharField(
        label="Last name", max_length=100, error_messages={"required": "Enter the last name the child used"}
    )
    used_until = GovukDateField(
        label="Used until",
        required=False,
        help_text="When the child stopped using this name, if known. For example, 1 9 2021",
    )


class RelationshipForm(GovukForm):
    """Someone in the child's life: a new person, or (for a sibling) another child in Hearth."""

    service_error_fields = {"relationship_code": "relationship", "other_child": "sibling_hearth_id"}

    relationship = forms.ChoiceField(label="Relationship to the child", choices=())
    sibling_hearth_id = forms.CharField(
        label="Sibling's Hearth ID (if the sibling has a record in Hearth)",
        max_length=20,
        required=False,
        help_text="For example, H0000123. Leave empty to record the person's details below instead",
    )
    first_name = forms.CharField(label="First name", max_length=100, required=False)
    last_name = forms.CharField(
        label="Last name",
        max_length=100,
        required=False,
        help_text="Or their title and last name, for example Dr Patel",
    )
    date_of_birth = GovukDateField(label="Date of birth", required=False, help_text="If known. For example, 27 3 1990")
    address = forms.CharField(label="Address", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    phone = forms.CharField(label="Phone number", max_length=40, required=False)
    has_parental_responsibility = forms.BooleanField(
        label="Holds parental responsibility for the child",
        required=False,
        help_text="A birth mother always does; a father if married to the mother or named on the birth certificate "
        "(from December 2003); others by court order",
    )
    lives_in_household = forms.BooleanField(label="Lives in the child's household", required=False)
    started_on = GovukDateField(label="In the child's life since", required=False, help_text="If known")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from hearth.people.models import RelationshipType

        self.fields["relationship"].choices = [("", "Choose a relationship")] + [
            (t.code, t.label) for t in RelationshipType.objects.filter(active=True)
        ]
        self.fields["relationship"].error_messages["required"] = "Choose the relationship to the child"
        self.fields["sibling_hearth_id"].widget.govuk_classes = "govuk-input--width-10"

    def clean(self):
        from hearth.people.models import parse_hearth_id

        cleaned = super().clean()
        hearth_id = (cleaned.get("sibling_hearth_id") or "").strip()
        cleaned["other_child_id"] = None
        if hearth_id:
            cleaned["other_child_id"] = parse_hearth_id(hearth_id)
            if cleaned["other_child_id"] is None:
                self.add_error("sibling_hearth_id", "Enter a Hearth ID like H0000123")
            elif (cleaned.get("last_name") or "").strip():
                self.add_error("sibling_hearth_id", "Give either a sibling's Hearth ID or a person's details, not both")
        elif not (cleaned.get("last_name") or "").strip():
            self.add_error("last_name", "Enter the person's last name, or a sibling's Hearth ID")
        return cleaned


class RelationshipEndForm(GovukForm):
    ended_on = GovukDateField(label="Ended on", error_messages={"required": "Enter the date the relationship ended"})
    reason = forms.CharField(
        label="Why did it end?",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, moved out of the household; the GP practice changed",
        error_messages={"required": "Enter why the relationship ended"},
    )
    in_error = forms.BooleanField(
        label="It was recorded by mistake",
        required=False,
        help_text="It is kept as history, but nothing is read from it: for example, a child recorded as the "
        "young person's own does not make her a mother in the looked-after return",
    )


class SealedRecordOpeningForm(GovukForm):
    """Why a sealed adoption record is being opened (people.services.sealed_record_open checks it)."""

    reason = forms.ChoiceField(
        label="Why are you opening this sealed adoption record?",
        choices=SealedRecordOpeningReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": ERROR_OPENING_REASON_REQUIRED, "invalid_choice": ERROR_OPENING_REASON_REQUIRED},
    )
    explanation = forms.CharField(
        label="Explain what you need it for",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=OPENING_EXPLANATION_MAX_CHARACTERS,
        help_text="Who asked, their reference (a letter, a court order, a case number) and what they need. "
        "It is kept with your name and shown on the record's access log",
        error_messages={
            "required": ERROR_OPENING_EXPLANATION_REQUIRED,
            "max_length": ERROR_OPENING_EXPLANATION_TOO_LONG.format(limit=OPENING_EXPLANATION_MAX_CHARACTERS),
        },
    )
