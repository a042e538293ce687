from django import forms

from hearth.assessment.models import AssessmentFactor, AssessmentOutcome
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
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


class AssessmentInternalReviewForm(VersionedForm):
    internal_review_on = GovukDateField(
        label="Date of the internal review",
        help_text="The day you, the manager, reviewed the assessment before it was finished, for example 12 1 2026",
        error_messages={"required": "Enter the date of the internal review"},
    )
