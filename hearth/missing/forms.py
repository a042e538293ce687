"""Forms for a looked-after child's missing episodes (GOV.UK components). The services give the
errors that need the record: inside the period of care, no overlap, after the return."""

from django import forms
from django.utils import timezone

from hearth.core.forms import GovukDateField, GovukForm, GovukTimeField, VersionField
from hearth.core.services import london_datetime
from hearth.missing.codes import InterviewResponse, MissingKind

ERROR_RETURN_PART = "Enter both the date and the time the child came back, or neither if they are still missing"


class MissingEpisodeForm(GovukForm):
    service_error_fields = {"started_at": "started_on", "returned_at": "returned_on"}
    kind = forms.ChoiceField(
        label="Was the child missing or away from placement?",
        help_text="Away: the child was not where they should be, but where they were was known",
        choices=MissingKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether the child was missing or away from placement"},
    )
    started_on = GovukDateField(
        label="Date the child went missing or away",
        error_messages={"required": "Enter the date the child went missing"},
    )
    started_time = GovukTimeField(
        label="Time the child went missing or away",
        error_messages={"required": "Enter the time the child went missing"},
    )
    returned_on = GovukDateField(
        label="Date the child came back (if they have)",
        required=False,
        help_text="Leave the return empty if the child is still missing: record it when they come back",
    )
    returned_time = GovukTimeField(label="Time the child came back (if they have)", required=False)

    def clean(self):
        data = super().clean()
        on, time = data.get("returned_on"), data.get("returned_time")
        if (on is None) != (time is None) and "returned_on" not in self.errors and "returned_time" not in self.errors:
            self.add_error("returned_on" if on is None else "returned_time", ERROR_RETURN_PART)
        return data

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        returned = data.get("returned_on")
        return {
            "kind": data["kind"],
            "started_at": london_datetime(data["started_on"], data["started_time"]),
            "returned_at": london_datetime(returned, data["returned_time"]) if returned else None,
        }


class MissingEpisodeCorrectForm(MissingEpisodeForm):
    """The episode as recorded, to correct: the return may be emptied if it was recorded in error."""

    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["returned_on"].help_text = "Leave the return empty if the child has not come back"

    @staticmethod
    def initial_for(episode) -> dict:
        started = timezone.localtime(episode.started_at)
        initial = {"kind": episode.kind, "started_on": started.date(), "started_time": started.strftime("%H:%M")}
        if episode.returned_at is not None:
            returned = timezone.localtime(episode.returned_at)
            initial |= {"returned_on": returned.date(), "returned_time": returned.strftime("%H:%M")}
        return initial

    def service_arguments(self) -> dict:
        return super().service_arguments() | {"version": self.cleaned_data["version"]}


class MissingReturnForm(GovukForm):
    service_error_fields = {"returned_at": "returned_on"}
    version = VersionField()
    returned_on = GovukDateField(
        label="Date the child came back", error_messages={"required": "Enter the date the child came back"}
    )
    returned_time = GovukTimeField(
        label="Time the child came back", error_messages={"required": "Enter the time the child came back"}
    )

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "version": data["version"],
            "returned_at": london_datetime(data["returned_on"], data["returned_time"]),
        }


class InterviewForm(GovukForm):
    service_error_fields = {"offered_at": "offered_on"}
    version = VersionField()
    offered_on = GovukDateField(
        label="Date the return home interview was offered",
        error_messages={"required": "Enter the date the interview was offered"},
    )
    offered_time = GovukTimeField(
        label="Time the return home interview was offered",
        error_messages={"required": "Enter the time the interview was offered"},
    )
    response = forms.ChoiceField(
        label="Did the child accept the interview?",
        choices=[(value or "unknown", label) for value, label in InterviewResponse.choices],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the child accepted the interview"},
    )

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "version": data["version"],
            "offered_at": london_datetime(data["offered_on"], data["offered_time"]),
            "response": "" if data["response"] == "unknown" else data["response"],
        }
