"""Forms for approvals (GOV.UK components; the rules and their errors are the services')."""

from django import forms

from hearth.core.forms import GovukDateField, GovukForm, VersionField
from hearth.fostering.models import HouseholdStatus


def _number(label: str, help_text: str, what: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        help_text=help_text,
        min_value=0,
        max_value=99,
        error_messages={
            "required": f"Enter {what}",
            "invalid": f"Enter {what} as a number",
            "min_value": f"Enter {what} as 0 or more",
            "max_value": f"Enter {what} as a number up to 99",
        },
    )


class HouseholdChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        """The household's name and what it is ("Mr and Mrs Fernhill: the council's foster carers")."""
        kind = {"COUNCIL_FOSTER": "the council's foster carers", "ADOPTERS": "adopters"}.get(obj.kind)
        return f"{obj.name}: {kind or 'foster carers with ' + (obj.agency.name if obj.agency_id else 'an agency')}"


class ApprovalTermsForm(GovukForm):
    """The terms a household is approved on (its places, ages, bedrooms and words), asked by the
    approval form and the new-terms form; each puts its own fields around them with field_order."""

    places = _number("Places", "How many children the household is approved for at a time", "the places")
    youngest_age = _number("Youngest age", "In years: 0 for a baby", "the youngest age")
    oldest_age = _number("Oldest age", "In years, up to 17", "the oldest age")
    bedrooms = _number("Bedrooms for children placed", "Bedrooms the household has for children", "the bedrooms")
    terms = forms.CharField(
        label="Terms of approval (optional)",
        help_text="For example: short-term and long-term fostering, brothers and sisters together",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


TERMS_FIELDS = list(ApprovalTermsForm.base_fields)


class HouseholdApproveForm(ApprovalTermsForm):
    field_order = ["provider", "approved_on", *TERMS_FIELDS]

    provider = HouseholdChoiceField(
        label="Household",
        help_text="Foster carers or adopters in the register of placement providers, not yet approved here",
        queryset=None,
        empty_label="Choose the household",
        error_messages={"required": "Choose the household", "invalid_choice": "Choose a household from the list"},
    )
    approved_on = GovukDateField(
        label="Date of approval",
        help_text="The agency decision maker's decision, for example 27 3 2026",
        error_messages={"required": "Enter the date of approval"},
    )

    def __init__(self, *args, households=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = households


class HouseholdStatusForm(GovukForm):
    version = VersionField()
    status = forms.ChoiceField(
        label="New status",
        choices=HouseholdStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the household's new status", "invalid_choice": "Choose from the list"},
    )
    changed_on = GovukDateField(
        label="From", help_text="For example, 27 3 2026", error_messages={"required": "Enter the date"}
    )
    reason = forms.CharField(
        label="Reason (needed for a deregistration)",
        help_text="Why the household was deregistered, or why it resigned, retired or is on hold",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PlacementExemptionForm(GovukForm):
    child_hearth_id = forms.CharField(
        label="Child's Hearth ID",
        help_text="For example, H0000123",
        max_length=20,
        error_messages={"required": "Enter the child's Hearth ID"},
    )
    granted_on = GovukDateField(
        label="Date granted", help_text="For example, 27 3 2026", error_messages={"required": "Enter the date granted"}
    )
    reason = forms.CharField(
        label="Reason",
        help_text="Why the child may be placed beyond the household's places or age range",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why the child may be placed beyond the household's approval"},
    )


class StayingPutForm(GovukForm):
    young_person_hearth_id = forms.CharField(
        label="Young person's Hearth ID",
        help_text="For example, H0000123",
        max_length=20,
        error_messages={"required": "Enter the young person's Hearth ID"},
    )
    started_on = GovukDateField(
        label="Staying put from",
        help_text="On or after their 18th birthday, for example 27 3 2026",
        error_messages={"required": "Enter the date staying put began"},
    )


class YoungPersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.young_person} (staying put from {obj.started_on:%-d %B %Y})"


class StayingPutEndForm(GovukForm):
    """The end of a staying put arrangement: which (of those open with the household that the reader
    may see), the day and why."""

    arrangement = YoungPersonChoiceField(
        label="Young person",
        queryset=None,
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": "Choose the young person whose staying put arrangement ended",
            "invalid_choice": "Choose the young person whose staying put arrangement ended",
        },
    )
    ended_on = GovukDateField(
        label="Staying put ended on",
        help_text="The first day the young person no longer lived there, for example 27 3 2026",
        error_messages={"required": "Enter the date staying put ended"},
    )
    reason = forms.CharField(
        label="Why staying put ended",
        help_text="For example: moved to university, turned 21, moved into their own tenancy",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": "Say why staying put ended"},
    )

    def __init__(self, *args, arrangements=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["arrangement"].queryset = arrangements


class TermsChangeForm(ApprovalTermsForm):
    """The household approved on new terms from a day, with the version of the approval the page was
    opened on."""

    field_order = ["version", "changed_on", *TERMS_FIELDS, "reason"]

    version = VersionField()
    changed_on = GovukDateField(
        label="New terms from",
        help_text="The agency decision maker's decision on the review, for example 27 3 2026",
        error_messages={"required": "Enter the date the new terms start"},
    )
    reason = forms.CharField(
        label="Why the terms changed",
        help_text="For example: annual review, approved for a third child after moving house",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": "Say why the household was approved on new terms (for example, the annual review)"},
    )
