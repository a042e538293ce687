from django import forms

from hearth.core.forms import GovukDateField, GovukForm
from hearth.frontdoor.models import ClosureReason
from hearth.workforce.models import Worker


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

    def __init__(self, *args, team, caseload_counts: dict[int, int], **kwargs):
        super().__init__(*args, **kwargs)
        workers = Worker.objects.filter(team=team, holds_cases=True).select_related("user")
        self.fields["worker"].queryset = workers
        # Managers choose with each worker's current caseload in view.
        self.fields["worker"].label_from_instance = lambda worker: (
            f"{worker} ({caseload_counts.get(worker.pk, 0)} children)"
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
