from django import forms

from hearth.assessment.models import NARRATIVE_SECTIONS, AssessmentFactor, AssessmentOutcome
from hearth.assessment.services import (
    ERROR_AUTHORISATION_REASONS_REQUIRED,
    ERROR_NARRATIVE_TOO_LONG,
    NARRATIVE_MAX_LENGTH,
)
from hearth.core.forms import GovukDateField, GovukForm, VersionField


class AssessmentStartForm(GovukForm):
    started_on = GovukDateField(
        label="Date the assessment started", error_messages={"required": "Enter the date the assessment started"}
    )


class VersionedForm(GovukForm):
    # The version of the assessment the page was built from: a change made meanwhile refuses the save.
    version = VersionField()


class AssessmentRecordForm(VersionedForm):
    factors = forms.MultipleChoiceField(
        label="Factors identified at assessment",
        help_text="The children in need census factors. Choose every one that applies, "
        "or 'No factors identified' on its own",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    wishes_and_feelings = forms.CharField(
        label="The child's wishes and feelings",
        help_text="In the child's own words where you can",
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=10000,
    )
    child_seen_on = GovukDateField(
        label="Date the child was seen",
        help_text="Leave blank if the child has not been seen yet",
        required=False,
    )
    child_seen_alone = forms.BooleanField(label="The child was seen alone", required=False)
    # The narrative: optional while the assessment is a draft; the submission asks for every section.
    developmental_needs = forms.CharField(
        label="The child's developmental needs",
        help_text="Health, education, emotional and behavioural development, identity, relationships, "
        "self-care: what you found and how you know",
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        max_length=NARRATIVE_MAX_LENGTH,
    )
    parenting_capacity = forms.CharField(
        label="Parenting capacity",
        help_text="Basic care, safety, warmth, stimulation, guidance and boundaries, stability",
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        max_length=NARRATIVE_MAX_LENGTH,
    )
    family_environment = forms.CharField(
        label="Family and environmental factors",
        help_text="Family history and functioning, wider family, housing, work and income, community resources",
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        max_length=NARRATIVE_MAX_LENGTH,
    )
    analysis = forms.CharField(
        label="Analysis",
        help_text="What the information means for the child: the risks, the strengths, and what is likely "
        "to happen if nothing changes",
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        max_length=NARRATIVE_MAX_LENGTH,
    )
    recommendation = forms.CharField(
        label="Recommendation",
        help_text="What you recommend happens next, and why",
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=NARRATIVE_MAX_LENGTH,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in NARRATIVE_SECTIONS:
            self.fields[name].error_messages["max_length"] = ERROR_NARRATIVE_TOO_LONG.format(
                label=label, limit=NARRATIVE_MAX_LENGTH
            )
        # Choices read when the form is built: the code list is data, and may change.
        self.fields["factors"].choices = [
            (f.code, f"{f.code}: {f.label}") for f in AssessmentFactor.objects.filter(active=True)
        ]


class AssessmentSubmitForm(VersionedForm):
    submitted_on = GovukDateField(
        label="Date submitted", error_messages={"required": "Enter the date you submit the assessment"}
    )


class AssessmentReturnForm(VersionedForm):
    returned_on = GovukDateField(label="Date returned", error_messages={"required": "Enter the date of return"})
    reason = forms.CharField(
        label="Why you are returning it",
        help_text="What the worker needs to do before submitting it again",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={"required": "Enter why you are returning the assessment, so the worker knows what to do"},
    )


class AssessmentAuthoriseForm(VersionedForm):
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
    reasons = forms.CharField(
        label="Your reasons",
        help_text="Why you agree with the analysis and this outcome, and anything the plan must include",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=NARRATIVE_MAX_LENGTH,
        error_messages={"required": ERROR_AUTHORISATION_REASONS_REQUIRED},
    )


class AssessmentInternalReviewForm(VersionedForm):
    internal_review_on = GovukDateField(
        label="Date of the internal review",
        help_text="The day you, the manager, reviewed the assessment before it was finished, for example 12 1 2026",
        error_messages={"required": "Enter the date of the internal review"},
    )
