from django import forms
from django.db.models import Q
from django.utils import timezone

from hearth.core.forms import GovukDateField, GovukForm
from hearth.frontdoor.models import ClosureReason
from hearth.workforce.models import SocialWorkerChangeReason, Team, Worker


class AllocationForm(GovukForm):
    worker = forms.ModelChoiceField(
        label="Social worker",
        queryset=Worker.objects.none(),
        empty_label="Choose a worker",
        error_messages={"required": "Choose a worker"},
    )
    started_on = GovukDateField(
        label="Allocated from", error_messages={"required": "Enter the date the allocation starts"}
    )

    change_reason = forms.ChoiceField(
        label="Why is the child's social worker changing?",
        choices=SocialWorkerChangeReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose why the child's social worker is changing"},
        help_text="The SSDA903 return reports each change of a looked-after child's social worker with its reason",
    )

    def __init__(self, *args, team, caseload_counts: dict[int, int], changing_worker: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not changing_worker:
            # A case's first allocation is the child's first contact with a worker: nothing to explain.
            del self.fields["change_reason"]
        # A worker who has left is not offered (case_allocate refuses them too, with the date they left).
        today = timezone.localdate()
        workers = (
            Worker.objects.filter(team=team, holds_cases=True)
            .filter(Q(left_on__isnull=True) | Q(left_on__gte=today))
            .select_related("user")
        )
        self.fields["worker"].queryset = workers
        # Managers choose with each worker's current caseload in view.
        self.fields["worker"].label_from_instance = lambda worker: (
            f"{worker} ({caseload_counts.get(worker.pk, 0)} children)"
        )


class ChangeReasonForm(GovukForm):
    """The reason for an earlier change of worker that was recorded without one."""

    change_reason = forms.ChoiceField(
        label="Why did the child's social worker change?",
        choices=SocialWorkerChangeReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose why the child's social worker changed"},
        help_text="The SSDA903 return reports each change of a looked-after child's social worker with its reason",
    )


class CaseCloseForm(GovukForm):
    closed_on = GovukDateField(
        label="Date the case closed", error_messages={"required": "Enter the date the case closed"}
    )
    reason = forms.ChoiceField(
        label="Reason",
        choices=ClosureReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the reason the case closed"},
    )


class CaseTransferForm(GovukForm):
    to_team = forms.ModelChoiceField(
        label="Team the case moves to",
        queryset=Team.objects.all(),
        empty_label="Choose a team",
        error_messages={
            "required": "Choose the team the case moves to",
            "invalid_choice": "Choose a team from the list",
        },
    )
    transferred_on = GovukDateField(
        label="Date the case moves", error_messages={"required": "Enter the date the case moves"}
    )
    reason = forms.CharField(
        label="Why the case moves",
        help_text="For example: the child became looked after and the looked-after children's team takes the case",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args, referral, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_team"].queryset = Team.objects.exclude(pk=referral.team_id)
