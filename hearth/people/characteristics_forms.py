"""Forms for recording the child's characteristics (hearth/people/characteristics_services.py checks
what they send; these only ask, in GOV.UK markup)."""

from django import forms

from hearth.core.forms import GovukDateField, GovukForm, VersionField
from hearth.people.characteristics_services import (
    ERROR_APPLIES_FROM_REQUIRED,
    ERROR_DIED_ON_REQUIRED,
    ERROR_DISABILITY_REQUIRED,
    ERROR_DISABILITY_UNKNOWN,
    ERROR_ETHNICITY_REQUIRED,
    ERROR_EXPECTED_ON_REQUIRED,
    ERROR_FORMER_UPN_INVALID,
    ERROR_UASC_CEASE_REASON_REQUIRED,
    ERROR_UASC_FROM_REQUIRED,
    ERROR_UPN_REASON_REQUIRED,
)
from hearth.people.codes import Disability, Ethnicity, UascCeaseReason, UpnUnknownReason

APPLIES_FROM_HELP = (
    "The date this became true, for example 27 3 2025. To correct a mistake, give the date the "
    "wrong entry applied from: the correction then replaces it on every day since"
)


def _applies_from(label: str = "Date this applies from") -> GovukDateField:
    return GovukDateField(
        label=label, help_text=APPLIES_FROM_HELP, error_messages={"required": ERROR_APPLIES_FROM_REQUIRED}
    )


class EthnicityForm(GovukForm):
    ethnicity = forms.ChoiceField(
        label="The child's ethnicity",
        choices=Ethnicity.choices,
        widget=forms.RadioSelect,
        help_text="As the child or their family describe it. The DfE's codes, used in the looked-after return "
        "and the children in need census",
        error_messages={"required": ERROR_ETHNICITY_REQUIRED, "invalid_choice": ERROR_ETHNICITY_REQUIRED},
    )
    applies_from = _applies_from()


class UpnUnknownForm(GovukForm):
    reason = forms.ChoiceField(
        label="Why is the child's unique pupil number (UPN) not known?",
        choices=UpnUnknownReason.choices,
        widget=forms.RadioSelect,
        help_text="The DfE's reasons. UN6 and UN7 are the children in need census's alone: the looked-after "
        "return does not accept them. If you have the UPN, add it to the child's details instead",
        error_messages={"required": ERROR_UPN_REASON_REQUIRED, "invalid_choice": ERROR_UPN_REASON_REQUIRED},
    )
    applies_from = _applies_from()


class DisabilitiesForm(GovukForm):
    disabilities = forms.MultipleChoiceField(
        label="The child's disabilities",
        choices=Disability.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply, or No disability. The children in need census's list",
        error_messages={"required": ERROR_DISABILITY_REQUIRED, "invalid_choice": ERROR_DISABILITY_UNKNOWN},
    )
    applies_from = _applies_from()


NOT_CEASED = ""


class UascForm(GovukForm):
    uasc_from = GovukDateField(
        label="Unaccompanied asylum-seeking child from",
        help_text="The date the child arrived or claimed asylum without a parent or carer, for example 3 3 2025",
        error_messages={"required": ERROR_UASC_FROM_REQUIRED},
    )
    cease_reason = forms.ChoiceField(
        label="Has the status ceased before the child's 18th birthday?",
        choices=[(NOT_CEASED, "No: it ends on their 18th birthday")] + UascCeaseReason.choices,
        widget=forms.RadioSelect,
        required=False,
        initial=NOT_CEASED,
        error_messages={"invalid_choice": ERROR_UASC_CEASE_REASON_REQUIRED},
    )
    ceased_on = GovukDateField(
        label="Date the status ceased",
        required=False,
        help_text="If it has ceased, for example the date leave to remain was granted",
    )


class FormerUpnForm(GovukForm):
    former_upn = forms.CharField(
        label="Former unique pupil number (UPN)",
        help_text="A UPN the child was given before their current one and no longer uses, for example A123456789012",
        max_length=20,
        error_messages={"required": ERROR_FORMER_UPN_INVALID},
    )
    applies_from = _applies_from("Date the child stopped using it")
    # The child's version the page was opened on: a change saved meanwhile refuses this one.
    version = VersionField()


class ExpectedBirthForm(GovukForm):
    expected_on = GovukDateField(
        label="Expected date of birth",
        help_text="As the midwife or doctor gives it, for example 14 9 2026",
        error_messages={"required": ERROR_EXPECTED_ON_REQUIRED},
    )
    applies_from = _applies_from("Date this expected date was given")
    version = VersionField()


class DeathForm(GovukForm):
    died_on = GovukDateField(
        label="Date of death",
        help_text="For example 3 3 2026. To correct a date recorded before, record the right one: the earlier "
        "recording is kept in the history",
        error_messages={"required": ERROR_DIED_ON_REQUIRED},
    )
    version = VersionField()
