from django import forms

from hearth.assessment.models import AssessmentOutcome
from hearth.core.forms import GovukDateField, GovukForm


class AssessmentStartForm(GovukForm):
    started_on = GovukDateField(
        label="Date the assessment started", error_messages={"required": "Enter the date the assessment started"}
    )


class AssessmentAuthoriseForm(GovukForm):
    authorised_on = GovukDateField(
        label="Date authorised",
        help_text="The date you, the manager, authorise it",
        error_messages={"required": "Enter the date of authorisation"},
    )
    outcome = forms.ChoiceField(
        label="Outcome",
        choices=AssessmentOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the outcome of the assessment"},
    )
