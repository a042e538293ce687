from django import forms
from django.contrib.auth import get_user_model

from hearth.core.forms import GovukDateField, GovukForm, VersionField
from hearth.core.roles import Role
from hearth.protection.checklist import CURRENT_VERSION, questions
from hearth.protection.models import (
    ICPC_DECISIONS,
    REVIEW_DECISIONS,
    Category,
    PlanEndReason,
    Section47Outcome,
    StepOutcome,
    StrategyDecision,
)
from hearth.protection.services import ERROR_DECISION_REASONS_TOO_LONG, REASONS_MAX_LENGTH

AGENCY_CHOICES = [
    ("social_care", "Children's social care"),
    ("police", "Police"),
    ("health", "Health"),
    ("education", "Education"),
]
CATEGORY_CHOICES = [(c.value, f"{c.label} ({c.value})") for c in Category]


def chairs():
    """People who can chair a conference: active independent reviewing officers."""
    return get_user_model().objects.filter(is_active=True, groups__name=Role.IRO.value).order_by("last_name")


class ChairField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


class VersionedForm(GovukForm):
    version = VersionField()


class StrategyDiscussionForm(GovukForm):
    service_error_fields = {"social_care": "agencies", "police": "agencies"}

    held_on = GovukDateField(label="Date of the strategy discussion", error_messages={"required": "Enter the date"})
    agencies = forms.MultipleChoiceField(
        label="Which agencies took part?",
        choices=AGENCY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    other_agencies = forms.CharField(label="Other agencies that took part", required=False, max_length=300)
    participants = forms.CharField(
        label="Who took part",
        help_text="Names and roles, for example DC Rees (police child abuse investigation team)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    decision = forms.ChoiceField(
        label="Decision",
        choices=StrategyDecision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether a section 47 enquiry starts"},
    )
    reasons = forms.CharField(
        label="Reasons and actions agreed", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        chosen = set(data.pop("agencies"))
        data.update({key: key in chosen for key, _ in AGENCY_CHOICES})
        return data


class Section47OutcomeForm(VersionedForm):
    outcome = forms.ChoiceField(
        label="Outcome of the enquiry",
        choices=Section47Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the outcome of the enquiry"},
    )
    outcome_on = GovukDateField(label="Date of the outcome", error_messages={"required": "Enter the date"})


class ConferenceBookForm(GovukForm):
    booked_for = GovukDateField(
        label="Date of the conference", error_messages={"required": "Enter the date the conference is booked for"}
    )
    chair = ChairField(
        label="Chair",
        queryset=chairs(),
        empty_label="Choose the chair",
        error_messages={"required": "Choose the chair", "invalid_choice": "Choose the chair from the list"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = chairs()


class ReviewBookForm(ConferenceBookForm):
    """The date and chair of a review conference booked ahead (the initial conference's booking)."""


class ConferenceRecordForm(VersionedForm):
    """What a conference decided: the fields an initial and a review conference share."""

    decisions: tuple = ()
    category_hint = ""

    held_on = GovukDateField(label="Date held", error_messages={"required": "Enter the date the conference sat"})
    attendance = forms.CharField(
        label="Attendance",
        help_text="Who attended, who sent apologies or a report",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    child_views = forms.CharField(
        label="The child's views",
        help_text="In the child's words where possible, or how they were represented",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    decision = forms.ChoiceField(
        label="Decision", widget=forms.RadioSelect, error_messages={"required": "Choose the conference's decision"}
    )
    category = forms.ChoiceField(
        label="Category of abuse",
        choices=CATEGORY_CHOICES,
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": "Choose a category of abuse from the list"},
    )
    decision_reasons = forms.CharField(
        label="Reasons for the decision",
        help_text="The risks and strengths the conference weighed, and why it reached this decision",
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,  # the service says what is missing, with the other answers' messages
        max_length=REASONS_MAX_LENGTH,
        error_messages={"max_length": ERROR_DECISION_REASONS_TOO_LONG},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = [(d.value, d.label) for d in self.decisions]
        self.fields["category"].help_text = self.category_hint


class ConferenceHoldForm(ConferenceRecordForm):
    decisions = ICPC_DECISIONS
    category_hint = (
        "Needed when there is a plan. Use multiple only when no main category can be chosen (DfE discourages it)"
    )


class ReviewConferenceForm(ConferenceRecordForm):
    decisions = REVIEW_DECISIONS
    category_hint = "The latest category, if the plan continues"
    field_order = ["held_on", "chair"]

    chair = ChairField(
        label="Chair",
        queryset=chairs(),
        empty_label="Choose the chair",
        error_messages={"required": "Choose the chair", "invalid_choice": "Choose the chair from the list"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = chairs()


class PlanEndForm(VersionedForm):
    ended_on = GovukDateField(label="Date the plan ended", error_messages={"required": "Enter the date"})
    reason = forms.ChoiceField(
        label="Why the plan ended",
        choices=PlanEndReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose why the plan ended"},
    )


class CoreGroupForm(GovukForm):
    held_on = GovukDateField(label="Date of the core group", error_messages={"required": "Enter the date"})
    attendance = forms.CharField(label="Who attended", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    summary = forms.CharField(
        label="Progress against the plan and actions agreed", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


YES_NO = [("yes", "Yes"), ("no", "No")]


class ChecklistForm(GovukForm):
    """One yes/no question per item of the current checklist version (the conference checklist's
    unless another set is given: the looked-after review's, hearth/duties/checklist.py)."""

    def __init__(self, *args, checklist: tuple[tuple[str, str], ...] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.checklist = questions(CURRENT_VERSION) if checklist is None else checklist
        for key, text in self.checklist:
            self.fields[key] = forms.ChoiceField(
                label=text,
                choices=YES_NO,
                widget=forms.RadioSelect,
                error_messages={"required": "Answer yes or no", "invalid_choice": "Answer yes or no"},
            )
        self.fields["comments"] = forms.CharField(
            label="Comments (optional)", widget=forms.Textarea(attrs={"rows": 3}), required=False
        )

    def answers(self) -> dict[str, bool]:
        return {key: self.cleaned_data[key] == "yes" for key, _ in self.checklist}


class EscalationRaiseForm(GovukForm):
    raised_on = GovukDateField(label="Date raised", error_messages={"required": "Enter the date"})
    concern = forms.CharField(label="The concern", widget=forms.Textarea(attrs={"rows": 4}), required=False)
    with_whom = forms.CharField(
        label="Who the concern is with",
        help_text="Name and role, for example the team manager holding the case",
        required=False,
        max_length=200,
    )


class EscalationStepForm(VersionedForm):
    closed_on = GovukDateField(label="Date", error_messages={"required": "Enter the date"})
    outcome = forms.ChoiceField(
        label="Outcome of this stage",
        choices=StepOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose resolved or escalated"},
    )
    outcome_detail = forms.CharField(
        label="What was agreed, or why it is escalated", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    next_with_whom = forms.CharField(
        label="If escalated: who it is now with",
        help_text="Name and role at the next stage, for example the service manager",
        required=False,
        max_length=200,
    )
