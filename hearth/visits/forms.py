from django import forms

from hearth.core.forms import GovukDateField, GovukForm
from hearth.visits.models import VisitNotPossibleReason, VisitPlace
from hearth.visits.services import WRITE_UP_MAX_LENGTH
from hearth.workforce.models import Worker

YES_NO = [("yes", "Yes"), ("no", "No")]

# The answers each reply to "Did the visit happen?" reveals (GOV.UK conditional radios): the page
# shows them under that answer, and the answers of the branch not chosen are dropped, as they are
# hidden from the person (without JavaScript both branches show, and the same rule holds).
HAPPENED_FIELDS = (
    "place",
    "seen",
    "seen_alone",
    "bedroom_seen",
    "child_voice",
    "others_seen",
    "observations",
    "next_steps",
)
NOT_HAPPENED_FIELDS = ("not_possible_reason", "not_possible_detail")


def _yes_no(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


def _text(label: str, help_text: str = "", rows: int = 4) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        max_length=WRITE_UP_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"max_length": f"{label} must be {WRITE_UP_MAX_LENGTH:,} characters or fewer"},
    )


class VisitForm(GovukForm):
    """The visit written up once: the date (left blank, never guessed), who visited, whether it
    happened; then either the write-up of a visit that happened or why it could not."""

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
    place = forms.ChoiceField(
        label="Where did the visit take place?",
        choices=VisitPlace.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    seen = forms.ChoiceField(label="Was the child seen?", choices=YES_NO, widget=forms.RadioSelect, required=False)
    seen_alone = forms.ChoiceField(
        label="Was the child seen alone?", choices=YES_NO, widget=forms.RadioSelect, required=False
    )
    bedroom_seen = forms.ChoiceField(
        label="Did you see the child's bedroom?",
        help_text="Asked when the child was seen where they live",
        choices=YES_NO,
        widget=forms.RadioSelect,
        required=False,
    )
    child_voice = _text(
        "The child's voice",
        "What the child said or showed, in their own words. For a baby, what you saw.",
        rows=6,
    )
    others_seen = _text("Who else was seen", "Parents, carers, brothers and sisters, others in the home", rows=2)
    observations = _text(
        "What you saw", "The child's presentation, the home or placement, how the adults and the child got on", rows=6
    )
    next_steps = _text("What happens next", "Actions agreed, by whom and by when; the next visit", rows=3)
    not_possible_reason = forms.ModelChoiceField(
        label="Why could the visit not happen?",
        queryset=VisitNotPossibleReason.objects.filter(active=True),
        empty_label="Choose a reason",
        required=False,
    )
    not_possible_detail = _text("What happened", "Needed when the reason is 'Other'", rows=2)

    def __init__(self, *args, team, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["visitor"].queryset = Worker.objects.filter(team=team).select_related("user")

    def styled(self) -> "VisitForm":
        # The page lays the fields out in the conditional branches rather than as {{ form }}:
        # style them all first, as rendering the whole form would.
        for name, field in self.fields.items():
            self._style_widget(name, field)
        return self

    def lead_fields(self) -> list:
        return [self["visited_on"], self["visitor"]]

    def happened_fields(self) -> list:
        return [self[name] for name in HAPPENED_FIELDS]

    def not_happened_fields(self) -> list:
        return [self[name] for name in NOT_HAPPENED_FIELDS]

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        happened = _yes_no(data["happened"])
        arguments = {
            "visited_on": data["visited_on"],
            "visitor_id": data["visitor"].pk,
            "happened": happened,
            "seen": _yes_no(data["seen"]),
            "seen_alone": _yes_no(data["seen_alone"]),
            "child_voice": data["child_voice"],
            "place": data["place"],
            "bedroom_seen": _yes_no(data["bedroom_seen"]),
            "others_seen": data["others_seen"],
            "observations": data["observations"],
            "next_steps": data["next_steps"],
            "not_possible_reason": data["not_possible_reason"].code if data["not_possible_reason"] else "",
            "not_possible_detail": data["not_possible_detail"],
        }
        if happened is True:
            arguments.update(not_possible_reason="", not_possible_detail="")
        elif happened is False:
            arguments.update(
                seen=None, seen_alone=None, child_voice="", place="", bedroom_seen=None, others_seen="",
                observations="", next_steps="",
            )  # fmt: skip
        return arguments
