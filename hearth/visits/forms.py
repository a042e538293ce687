from django import forms

from hearth.core.forms import GovukDateField, GovukForm
from hearth.visits.models import VisitNotPossibleReason
from hearth.workforce.models import Worker

YES_NO = [("yes", "Yes"), ("no", "No")]


def _yes_no(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


class VisitForm(GovukForm):
    """Fast to fill in: the date (left blank, never guessed), who visited, three yes/no questions,
    the child's voice; the reason only when the visit could not happen."""

    visited_on = GovukDateField(label="Date of the visit", error_messages={"required": "Enter the date of the visit"})
    visitor = forms.ModelChoiceField(
        label="Who visited",
        queryset=Worker.objects.none(),
        empty_label="Choose who visited",
        error_messages={"required": "Choose who made the visit", "invalid_choice": "Choose who made the visit"},
    )
    happened = forms.ChoiceField(
        label="Did the visit happen?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether the visit happened"},
    )
    seen = forms.ChoiceField(label="Was the child seen?", choices=YES_NO, widget=forms.RadioSelect, required=False)
    seen_alone = forms.ChoiceField(
        label="Was the child seen alone?", choices=YES_NO, widget=forms.RadioSelect, required=False
    )
    child_voice = forms.CharField(
        label="The child's voice",
        help_text="What the child said or showed, in their own words. For a baby, what you saw.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    not_possible_reason = forms.ModelChoiceField(
        label="If the visit could not happen: why",
        queryset=VisitNotPossibleReason.objects.filter(active=True),
        empty_label="Choose a reason",
        required=False,
    )
    not_possible_detail = forms.CharField(
        label="If the visit could not happen: what happened",
        help_text="Needed when the reason is 'Other'",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, team, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["visitor"].queryset = Worker.objects.filter(team=team).select_related("user")

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "visited_on": data["visited_on"],
            "visitor_id": data["visitor"].pk,
            "happened": _yes_no(data["happened"]),
            "seen": _yes_no(data["seen"]),
            "seen_alone": _yes_no(data["seen_alone"]),
            "child_voice": data["child_voice"],
            "not_possible_reason": data["not_possible_reason"].code if data["not_possible_reason"] else "",
            "not_possible_detail": data["not_possible_detail"],
        }
