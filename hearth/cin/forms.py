from django import forms

from hearth.cin.models import CHOSEN_END_REASONS, ReviewDecision
from hearth.cin.services import ERROR_DECISION_REASONS_TOO_LONG, REASONS_MAX_LENGTH
from hearth.core.forms import GovukDateField, GovukForm

CHOOSE = [("", "Choose a reason")]


class CinPlanStartForm(GovukForm):
    started_on = GovukDateField(
        label="Date the plan started", error_messages={"required": "Enter the date the plan started"}
    )
    aims = forms.CharField(
        label="The plan's aims",
        help_text="What the child and family are working towards, and how everyone will know",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter the plan's aims"},
    )
    agreed_with = forms.CharField(
        label="Who agreed the plan",
        help_text="Family members and professionals, with their roles",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter who agreed the plan"},
    )


class CinPlanReviewForm(GovukForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reviewed_on = GovukDateField(
        label="Date of the review", error_messages={"required": "Enter the date of the review"}
    )
    attendees = forms.CharField(
        label="Who attended",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter who attended the review"},
    )
    decision = forms.ChoiceField(
        label="Decision",
        choices=ReviewDecision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the plan continues, changes or ends"},
    )
    changes = forms.CharField(
        label="If the plan changes: what changes", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    decision_reasons = forms.CharField(
        label="Reasons for the decision",
        help_text="What has changed for the child since the plan started or was last reviewed, what the child, "
        "family and professionals said, and why the plan continues, changes or ends",
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,  # the service says what is missing, with the other answers' messages
        max_length=REASONS_MAX_LENGTH,
        error_messages={"max_length": ERROR_DECISION_REASONS_TOO_LONG},
    )
    end_reason = forms.ChoiceField(label="If the plan ends: why", required=False, choices=CHOOSE + CHOSEN_END_REASONS)
    end_note = forms.CharField(
        label="If the plan ends: anything more about why",
        help_text="Needed when the reason is 'Other'",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CinPlanEndForm(GovukForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    ended_on = GovukDateField(label="Date the plan ended", error_messages={"required": "Enter the date the plan ended"})
    reason = forms.ChoiceField(
        label="Why the plan ended",
        choices=CHOSEN_END_REASONS,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose why the plan ends"},
    )
    note = forms.CharField(
        label="Anything more about why",
        help_text="Needed when the reason is 'Other'",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
