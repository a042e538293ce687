"""Forms for performance clinics (GOV.UK components; the services' refusals are shown on their fields)."""

from django import forms

from hearth.core.forms import GovukDateField, GovukForm
from hearth.quality.services_clinics import ClinicActionDraft

ACTION_SLOTS = 3  # a clinic agrees a few actions; hold another clinic for more


class ClinicChooseForm(GovukForm):
    """The clinics page's choice of indicator for a new clinic."""

    indicator = forms.ChoiceField(label="Indicator", error_messages={"required": "Choose an indicator"})

    def __init__(self, *args, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = [("", "Choose an indicator")] + [
            (i.id, f"{i.id} {i.title}") for i in indicators
        ]


class ClinicForm(GovukForm):
    held_on = GovukDateField(label="Date of the clinic", error_messages={"required": "Enter the date of the clinic"})
    attendees = forms.CharField(
        label="Who attended",
        help_text="One a line, with their role",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter who attended the clinic"},
    )
    reason_not_red = forms.CharField(
        label="Why hold a clinic on this indicator (if it is not rated red)",
        help_text="A clinic is for a figure rated red; for one that is not, say why it is held",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "Choose an owner")] + [(w.pk, f"{w} ({w.job_title}, {w.team})") for w in owners]
        for number in range(1, ACTION_SLOTS + 1):
            self.fields[f"action_{number}_text"] = forms.CharField(
                label=f"Action {number}: what must be done", required=False, widget=forms.Textarea(attrs={"rows": 2})
            )
            self.fields[f"action_{number}_owner"] = forms.TypedChoiceField(
                label=f"Action {number}: owner", required=False, choices=choices, coerce=int, empty_value=None
            )
            self.fields[f"action_{number}_due_on"] = GovukDateField(label=f"Action {number}: due by", required=False)

    def action_groups(self) -> list[tuple[int, list]]:
        """The numbered action fields, for the page to show each action in its own fieldset."""
        return [
            (number, [self[f"action_{number}_{part}"] for part in ("text", "owner", "due_on")])
            for number in range(1, ACTION_SLOTS + 1)
        ]

    def clinic_fields(self) -> list:
        for name, field in self.fields.items():  # styled as rendering the whole form would
            self._style_widget(name, field)
        return [self[name] for name in ("held_on", "attendees", "reason_not_red")]

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "held_on": data["held_on"],
            "attendees": data["attendees"],
            "reason_not_red": data["reason_not_red"],
            "actions": [
                ClinicActionDraft(
                    action=data[f"action_{number}_text"],
                    owner_id=data[f"action_{number}_owner"],
                    due_on=data[f"action_{number}_due_on"],
                )
                for number in range(1, ACTION_SLOTS + 1)
            ],
        }
