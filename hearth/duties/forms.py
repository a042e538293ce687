"""Forms for a looked-after child's reviews and health checks (GOV.UK components; the services
give the errors that need the record: dates inside the period, the chair, participation by age)."""

from django import forms
from django.contrib.auth import get_user_model

from hearth.core.forms import GovukDateField, GovukForm, VersionField
from hearth.duties.checklist import CURRENT_VERSION as CURRENT_REVIEW_CHECKLIST
from hearth.duties.checklist import questions as review_questions
from hearth.duties.codes import (
    RECORDABLE_SDQ_REASONS,
    HealthCheckKind,
    HealthStatusKind,
    ReviewParticipation,
    SubstanceIntervention,
    VirtualSchoolInvolvement,
)
from hearth.iro.forms import IroChoiceField, independent_reviewing_officers
from hearth.protection.forms import ChecklistForm, EscalationRaiseForm

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
    child_voice = forms.CharField(
        label="The child's voice",
        help_text="What the child said or showed about their care, at the review or before it, in their own words "
        "(beyond how they took part)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
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
            "child_voice": data.get("child_voice", ""),
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


class HealthPlanForm(GovukForm):
    agreed_on = GovukDateField(
        label="Date the health plan was agreed",
        error_messages={"required": "Enter the date the health plan was agreed"},
    )
    lead = forms.CharField(
        label="Who leads the health plan",
        help_text="For example the looked-after children's nurse",
        max_length=200,
        error_messages={"required": "Enter who leads the health plan", "max_length": "Enter at most 200 characters"},
    )
    actions = forms.CharField(
        label="What the health plan says is to be done",
        help_text="Each action, who will do it and by when",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Enter what the health plan says is to be done"},
    )

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {"agreed_on": data["agreed_on"], "lead": data["lead"], "actions": data["actions"]}


class HealthPlanCorrectForm(HealthPlanForm):
    version = VersionField()

    def service_arguments(self) -> dict:
        return super().service_arguments() | {"version": self.cleaned_data["version"]}

    @staticmethod
    def initial_for(plan) -> dict:
        return {"agreed_on": plan.agreed_on, "lead": plan.lead, "actions": plan.actions}


class PepForm(GovukForm):
    held_on = GovukDateField(
        label="Date of the PEP meeting", error_messages={"required": "Enter the date of the PEP meeting"}
    )
    school = forms.CharField(
        label="School",
        max_length=200,
        error_messages={"required": "Enter the school", "max_length": "Enter at most 200 characters"},
    )
    designated_teacher = forms.CharField(
        label="The school's designated teacher",
        help_text="The teacher the school's governors appointed to promote the education of looked-after children",
        max_length=200,
        error_messages={
            "required": "Enter the name of the school's designated teacher",
            "max_length": "Enter at most 200 characters",
        },
    )
    virtual_school = forms.ChoiceField(
        label="How the virtual school took part",
        choices=VirtualSchoolInvolvement.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how the virtual school took part"},
    )
    targets = forms.CharField(
        label="Targets and support",
        help_text="The targets for the child's progress, and the support (such as pupil premium plus) to meet them",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Enter the plan's targets and the support to meet them"},
    )

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "held_on": data["held_on"],
            "school": data["school"],
            "designated_teacher": data["designated_teacher"],
            "virtual_school": data["virtual_school"],
            "targets": data["targets"],
        }


class PepCorrectForm(PepForm):
    version = VersionField()

    def service_arguments(self) -> dict:
        return super().service_arguments() | {"version": self.cleaned_data["version"]}

    @staticmethod
    def initial_for(pep) -> dict:
        return {
            "held_on": pep.held_on,
            "school": pep.school,
            "designated_teacher": pep.designated_teacher,
            "virtual_school": pep.virtual_school,
            "targets": pep.targets,
        }


# Outcomes for children looked after 12 months (903 OC2) -------------------------------------------


class SdqForm(GovukForm):
    completed_on = GovukDateField(
        label="Date the SDQ was completed (or the reason given)",
        error_messages={"required": "Enter the date of the SDQ"},
    )
    score = forms.IntegerField(
        label="Total difficulties score",
        help_text="From 0 to 40. Leave blank if there is no score, and choose the reason.",
        required=False,
        error_messages={"invalid": "The SDQ score must be a whole number from 0 to 40 (903 rule 180)"},
    )
    reason = forms.ChoiceField(
        label="Reason there is no score",
        help_text="Only when there is no score. Under 4 or over 16 (SDQ1) is worked out from the date of birth.",
        choices=[("", "No reason: there is a score")] + RECORDABLE_SDQ_REASONS,
        widget=forms.RadioSelect,
        required=False,
    )

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {"completed_on": data["completed_on"], "score": data["score"], "reason": data["reason"]}


class HealthStatusForm(GovukForm):
    kind = forms.ChoiceField(
        label="What the health record says",
        choices=HealthStatusKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what is up to date"},
    )
    as_at = GovukDateField(label="As at", error_messages={"required": "Enter the date it was true on"})
    up_to_date = forms.ChoiceField(
        label="Were they up to date?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether they were up to date"},
    )
    source = forms.CharField(
        label="Who said so",
        help_text="For example the looked-after children's nurse, the health visitor or the GP",
        max_length=200,
        error_messages={"required": "Enter who said so", "max_length": "Enter at most 200 characters"},
    )

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "as_at": data["as_at"],
            "up_to_date": {"yes": True, "no": False}.get(data["up_to_date"]),
            "source": data["source"],
        }


class ConvictionForm(GovukForm):
    convicted_on = GovukDateField(
        label="Date of the conviction, final warning or reprimand",
        error_messages={"required": "Enter the date of the conviction"},
    )
    offence = forms.CharField(
        label="Offence",
        max_length=200,
        error_messages={"required": "Enter the offence", "max_length": "Enter at most 200 characters"},
    )

    def service_arguments(self) -> dict:
        return {"convicted_on": self.cleaned_data["convicted_on"], "offence": self.cleaned_data["offence"]}


class SubstanceMisuseForm(GovukForm):
    identified_on = GovukDateField(
        label="Date the substance misuse problem was identified",
        error_messages={"required": "Enter the date the problem was identified"},
    )
    intervention = forms.ChoiceField(
        label="Intervention",
        choices=SubstanceIntervention.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether an intervention was received, offered and refused, or not offered"},
    )
    note = forms.CharField(label="Note (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {"identified_on": data["identified_on"], "intervention": data["intervention"], "note": data["note"]}


# Corrections of an OC2 fact recorded wrongly: the recording form with the version of the fact the page
# was opened on (the service refuses the correction if it changed meanwhile).


class SdqCorrectForm(SdqForm):
    version = VersionField()

    def service_arguments(self) -> dict:
        return super().service_arguments() | {"version": self.cleaned_data["version"]}

    @staticmethod
    def initial_for(sdq) -> dict:
        return {"completed_on": sdq.completed_on, "score": sdq.score, "reason": sdq.reason}


class HealthStatusCorrectForm(HealthStatusForm):
    version = VersionField()

    def service_arguments(self) -> dict:
        return super().service_arguments() | {"version": self.cleaned_data["version"]}

    @staticmethod
    def initial_for(status) -> dict:
        return {
            "kind": status.kind,
            "as_at": status.as_at,
            "up_to_date": "yes" if status.up_to_date else "no",
            "source": status.source,
        }


class ConvictionCorrectForm(ConvictionForm):
    version = VersionField()

    def service_arguments(self) -> dict:
        return super().service_arguments() | {"version": self.cleaned_data["version"]}

    @staticmethod
    def initial_for(conviction) -> dict:
        return {"convicted_on": conviction.convicted_on, "offence": conviction.offence}


class SubstanceMisuseCorrectForm(SubstanceMisuseForm):
    version = VersionField()

    def service_arguments(self) -> dict:
        return super().service_arguments() | {"version": self.cleaned_data["version"]}

    @staticmethod
    def initial_for(misuse) -> dict:
        return {"identified_on": misuse.identified_on, "intervention": misuse.intervention, "note": misuse.note}


class ReviewChecklistForm(ChecklistForm):
    """The chairing IRO's quality checklist for a looked-after review: the conference checklist's
    form with the review's questions, and the day it was completed."""

    completed_on = GovukDateField(label="Date completed", error_messages={"required": "Enter the date"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, checklist=review_questions(CURRENT_REVIEW_CHECKLIST), **kwargs)


# A concern raised from a review is written on the conference chair's form: one mechanism.
ReviewConcernForm = EscalationRaiseForm
