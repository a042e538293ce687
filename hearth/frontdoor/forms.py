import datetime

from django import forms
from django.utils import timezone

from hearth.calendar.workingdays import add_months
from hearth.core.forms import GovukDateField, GovukForm, GovukTimeField
from hearth.core.services import london_datetime
from hearth.frontdoor.models import Agency, Consent, PrimaryNeed, ReferralSource, ScreeningDecision, Urgency, Verdict
from hearth.people.models import parse_hearth_id
from hearth.workforce.models import Team


class ContactForm(GovukForm):
    service_error_fields = {"received_at": "received_on", "source_code": "source"}
    child = forms.CharField(
        label="Hearth ID of each child the contact is about",
        max_length=200,
        help_text="Siblings in one contact: give each ID, for example H0000123 H0000124",
        error_messages={"required": "Enter the Hearth ID of at least one child the contact is about"},
    )
    received_on = GovukDateField(
        label="Date received", error_messages={"required": "Enter the date the contact was received"}
    )
    received_time = GovukTimeField(
        label="Time received", error_messages={"required": "Enter the time the contact was received"}
    )
    source = forms.ChoiceField(label="Source", error_messages={"required": "Choose a source from the list"})
    contact_person = forms.CharField(
        label="Who made the contact",
        max_length=200,
        help_text="Name and role, for example Sam Jones, class teacher",
        error_messages={"required": "Enter who made the contact"},
    )
    account = forms.CharField(
        label="What they told us",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Enter what the person making the contact told us"},
    )
    consent = forms.ChoiceField(
        label="Consent to share information",
        choices=Consent.choices,
        widget=forms.RadioSelect,
        help_text="Did the family agree to information being shared and checks made with partners?",
        error_messages={"required": "Choose whether the family gave consent to share information"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["child"].widget.govuk_classes = "govuk-input--width-10"
        self.fields["source"].choices = [("", "Choose a source")] + [
            (s.code, f"{s.code}: {s.label}") for s in ReferralSource.objects.filter(active=True)
        ]

    def clean_child(self):
        typed = self.cleaned_data["child"].replace(",", " ").split()
        ids = [parse_hearth_id(token) for token in typed]
        if not ids or None in ids:
            raise forms.ValidationError("Enter each Hearth ID as H followed by digits, for example H0000123")
        return ids

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "child_ids": data["child"],
            "received_at": london_datetime(data["received_on"], data["received_time"]),
            "source_code": data["source"],
            "contact_person": data["contact_person"],
            "account": data["account"],
            "consent": data["consent"],
        }


class ScreeningForm(GovukForm):
    service_error_fields = {"decided_at": "decided_on"}
    decision = forms.ChoiceField(
        label="Decision",
        choices=ScreeningDecision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a decision"},
    )
    decided_on = GovukDateField(label="Date of decision", error_messages={"required": "Enter the date of the decision"})
    decided_time = GovukTimeField(
        label="Time of decision", error_messages={"required": "Enter the time of the decision"}
    )
    reason = forms.CharField(
        label="Reason for the decision",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter the reason for the decision"},
    )
    primary_need = forms.ChoiceField(
        label="Primary need",
        required=False,
        choices=[("", "Choose the primary need")] + list(PrimaryNeed.choices),
        help_text="Needed for a referral or a strategy discussion (the CIN census primary need code)",
    )
    cse_concern = forms.BooleanField(label="Child sexual exploitation concern identified", required=False)
    cse_team_referral = forms.BooleanField(label="Referred to the specialist CSE team", required=False)
    team = forms.ModelChoiceField(
        label="Team to take the referral",
        required=False,
        queryset=Team.objects.none(),
        empty_label="Choose a team",
        help_text="Needed for a referral or a strategy discussion",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.filter(takes_referrals=True)

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "decision": data["decision"],
            "decided_at": london_datetime(data["decided_on"], data["decided_time"]),
            "reason": data["reason"],
            "team_id": data["team"].pk if data["team"] else None,
            "primary_need": data["primary_need"],
            "cse_concern": data["cse_concern"],
            "cse_team_referral": data["cse_team_referral"],
        }


class UrgencyForm(GovukForm):
    urgency = forms.ChoiceField(
        label="How urgent is it?",
        choices=Urgency.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose red, amber or green"},
    )


class PartnerCheckForm(GovukForm):
    service_error_fields = {"asked_at": "asked_on"}

    agency = forms.ChoiceField(
        label="Agency asked",
        choices=[("", "Choose an agency")] + list(Agency.choices),
        error_messages={"required": "Choose the agency asked"},
    )
    asked_on = GovukDateField(label="Date asked", error_messages={"required": "Enter the date the check was asked"})
    asked_time = GovukTimeField(label="Time asked", error_messages={"required": "Enter the time the check was asked"})

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {"agency": data["agency"], "asked_at": london_datetime(data["asked_on"], data["asked_time"])}


class PartnerAnswerForm(GovukForm):
    service_error_fields = {"answered_at": "answered_on"}

    answered_on = GovukDateField(label="Date answered", error_messages={"required": "Enter the date of the answer"})
    answered_time = GovukTimeField(label="Time answered", error_messages={"required": "Enter the time of the answer"})
    answer = forms.CharField(
        label="What the agency told us",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="And who supplied it, under the MASH information-sharing agreement",
        error_messages={"required": "Enter what the agency told us"},
    )

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {"answered_at": london_datetime(data["answered_on"], data["answered_time"]), "answer": data["answer"]}


def ended_months(count: int = 12) -> list[datetime.date]:
    """The first days of the last `count` months that have ended, newest first."""
    this_month = timezone.localdate().replace(day=1)
    return [add_months(this_month, -n) for n in range(1, count + 1)]


class DipSampleDrawForm(GovukForm):
    month = forms.ChoiceField(label="Month to sample", error_messages={"required": "Choose the month to sample"})
    size = forms.IntegerField(
        label="Sample size",
        initial=10,
        min_value=1,
        max_value=200,
        help_text="How many of the month's no-further-action contacts to review",
        error_messages={
            "required": "Enter a sample size between 1 and 200",
            "invalid": "Enter a sample size between 1 and 200",
            "min_value": "Enter a sample size between 1 and 200",
            "max_value": "Enter a sample size between 1 and 200",
        },
    )
    reviewer = forms.ModelChoiceField(
        label="Reviewer",
        queryset=None,
        empty_label="Choose a reviewer",
        error_messages={"required": "Choose who will review the sample"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from django.contrib.auth import get_user_model

        from hearth.frontdoor.dip_samples import QUALITY_ROLES

        self.fields["month"].choices = [("", "Choose a month")] + [
            (m.isoformat(), f"{m:%B %Y}") for m in ended_months()
        ]
        self.fields["reviewer"].queryset = (
            get_user_model()
            .objects.filter(is_active=True, groups__name__in=[r.value for r in QUALITY_ROLES])
            .distinct()
            .order_by("last_name", "first_name")
        )
        self.fields["reviewer"].label_from_instance = lambda u: u.get_full_name() or u.username

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {"month": datetime.date.fromisoformat(data["month"]), "size": data["size"], "reviewer": data["reviewer"]}


class DipSampleReviewForm(GovukForm):
    verdict = forms.ChoiceField(
        label="Do you agree with the no-further-action decision?",
        choices=Verdict.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose agree or disagree"},
    )
    reason = forms.CharField(
        label="Why",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter why you agree or disagree with the decision"},
    )
    action_description = forms.CharField(
        label="If you disagree: what must happen now",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, re-screen the contact and consider a referral",
    )
    action_owner = forms.ModelChoiceField(
        label="If you disagree: who will do it", required=False, queryset=None, empty_label="Choose a person"
    )
    action_due_on = GovukDateField(label="If you disagree: by when", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from django.contrib.auth import get_user_model

        self.fields["action_owner"].queryset = (
            get_user_model()
            .objects.filter(is_active=True, groups__isnull=False)
            .distinct()
            .order_by("last_name", "first_name")
        )
        self.fields["action_owner"].label_from_instance = lambda u: u.get_full_name() or u.username


class ActionCompleteForm(GovukForm):
    completed_on = GovukDateField(label="Date completed", error_messages={"required": "Enter the date it was done"})
    note = forms.CharField(
        label="What was done",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter what was done"},
    )
