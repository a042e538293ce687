"""Forms for permanence facts (GOV.UK components; the rules and their errors are the services')."""

from django import forms

from hearth.core.forms import GovukDateField, GovukForm, VersionField
from hearth.permanence.codes import (
    AdoptersLegalStatus,
    AdoptersSex,
    DecisionReversalReason,
    PermanencePlanType,
    PreviousPermanenceOption,
)


class PreviousPermanenceForm(GovukForm):
    option = forms.ChoiceField(
        label="Before this period of care, was the child adopted or under a special guardianship or child "
        "arrangements order?",
        choices=PreviousPermanenceOption.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose whether the child had an earlier order, or none",
            "invalid_choice": "Choose from the list",
        },
    )
    la_code = forms.CharField(
        label="Council that arranged it (optional)",
        help_text="The council's three-digit DfE code, for example 316; WAL, SCO or NIR for Wales, Scotland or "
        "Northern Ireland, NUK outside the UK. Leave empty if not known or if there was none",
        required=False,
        max_length=3,
    )
    order_year = forms.IntegerField(
        label="Year of the order (optional)",
        help_text="Leave the parts of the date you do not know empty",
        required=False,
        error_messages={"invalid": "Enter the year as four digits, for example 2019"},
    )
    order_month = forms.IntegerField(
        label="Month of the order (optional)",
        help_text="A number from 1 to 12",
        required=False,
        error_messages={"invalid": "Enter the month as a number from 1 to 12"},
    )
    order_day = forms.IntegerField(
        label="Day of the order (optional)",
        required=False,
        error_messages={"invalid": "Enter the day as a number"},
    )


class PreviousPermanenceCorrectForm(PreviousPermanenceForm):
    """Previous permanence as recorded, to correct, with the version the page was opened on."""

    version = VersionField()

    @staticmethod
    def initial_for(record) -> dict:
        fields = ("option", "la_code", "order_year", "order_month", "order_day")
        return {name: getattr(record, name) for name in fields}


class AdoptionDecisionForm(GovukForm):
    decided_on = GovukDateField(
        label="Date of the agency decision maker's decision that the child should be placed for adoption",
        error_messages={"required": "Enter the date of the decision"},
    )


class AdoptionDecisionReverseForm(GovukForm):
    version = VersionField()
    reversed_on = GovukDateField(
        label="Date the decision was reversed", error_messages={"required": "Enter the date the decision was reversed"}
    )
    reason = forms.ChoiceField(
        label="Why the decision was reversed",
        choices=DecisionReversalReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose why the decision was reversed", "invalid_choice": "Choose from the list"},
    )


class AdopterHouseholdField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name if obj.kind == "ADOPTERS" else f"{obj.name}: the child's foster carers"


class AdoptionMatchForm(GovukForm):
    matched_on = GovukDateField(
        label="Date the child was matched with the adopters", error_messages={"required": "Enter the date of the match"}
    )
    adopters = AdopterHouseholdField(
        label="The adopters",
        help_text="Adopters in the register of placement providers (approved by the council or the regional "
        "adoption agency), or the child's own foster carers when they adopt the child",
        queryset=None,
        empty_label="Choose the adopters",
        error_messages={"required": "Choose the adopters", "invalid_choice": "Choose the adopters from the list"},
    )
    adopters_number = forms.TypedChoiceField(
        label="Number of adopters",
        choices=[("1", "One adopter"), ("2", "Two adopters")],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose one adopter or two", "invalid_choice": "Choose one adopter or two"},
    )
    adopters_sex = forms.ChoiceField(
        label="The adopters' sex",
        choices=AdoptersSex.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the adopters' sex", "invalid_choice": "Choose from the list"},
    )
    adopters_legal_status = forms.ChoiceField(
        label="The adopters' legal status",
        choices=AdoptersLegalStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the adopters' legal status", "invalid_choice": "Choose from the list"},
    )

    def __init__(self, *args, adopters=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["adopters"].queryset = adopters


class PermanencePlanForm(GovukForm):
    """The plan for permanence agreed (or a change of plan), with the version of the period's plans
    the page was opened on."""

    version = VersionField()
    plan = forms.ChoiceField(
        label="Plan for permanence",
        choices=PermanencePlanType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the plan for permanence", "invalid_choice": "Choose from the list"},
    )
    agreed_on = GovukDateField(
        label="Date the plan was agreed",
        help_text="Usually at the child's second looked-after review",
        error_messages={"required": "Enter the date the plan was agreed"},
    )
    reason = forms.CharField(
        label="Why the plan changed (for a change of plan)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
