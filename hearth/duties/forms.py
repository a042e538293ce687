"""Forms for a looked-after child's reviews and health checks (GOV.UK components; the services
give the errors that need the record: dates inside the period, the chair, participation by age)."""

from django import forms
from django.contrib.auth import get_user_model

from hearth.core.forms import GovukDateField, GovukForm
from hearth.duties.codes import HealthCheckKind, ReviewParticipation
from hearth.iro.forms import IroChoiceField, independent_reviewing_officers

YES_NO = [("yes", "Yes"), ("no", "No")]


class CareReviewForm(GovukForm):
    held_on = GovukDateField(label="Date of the review", error_messages={"required": "Enter the date of the review"})
    chair = IroChoiceField(
        label="Independent reviewing officer who chaired the review",
        queryset=get_user_model().objects.none(),
        empty_label="Choose the chair",
        error_messages={"required": "Choose the chair", "invalid_choice": "Choose the chair"},
    )
    participation = forms.ChoiceField(
        label="How the child took part",
        choices=ReviewParticipation.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how the child took part in the review"},
    )
    recommendations = forms.CharField(
        label="Recommendations",
        help_text="What the review decided, who will do what and by when",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Enter the review's recommendations"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = independent_reviewing_officers()

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "held_on": data["held_on"],
            "chair_id": data["chair"].pk,
            "participation": data["participation"],
            "recommendations": data["recommendations"],
        }


class HealthCheckForm(GovukForm):
    kind = forms.ChoiceField(
        label="Kind of check",
        choices=HealthCheckKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of check"},
    )
    done_on = GovukDateField(label="Date of the check", error_messages={"required": "Enter the date of the check"})
    refused = forms.ChoiceField(
        label="Did the child refuse?",
        help_text="For a young child, whether the parent refused. A refusal is recorded, but it is not a check done.",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether the child refused"},
    )
    done_by = forms.CharField(
        label="Who carried it out",
        help_text="For example the looked-after children's nurse, or the dental practice",
        required=False,
        max_length=200,
        error_messages={"max_length": "Enter at most 200 characters"},
    )

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "done_on": data["done_on"],
            "refused": {"yes": True, "no": False}.get(data["refused"]),
            "done_by": data["done_by"],
        }
