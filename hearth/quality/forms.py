"""Forms for case audits (GOV.UK components; the services' refusals are shown on their fields)."""

import datetime

from django import forms

from hearth.core.forms import GovukDateField, GovukForm
from hearth.quality.models import Grade
from hearth.quality.services import ActionDraft

# How many actions one audit form offers; an audit rarely asks for more (record another audit
# of the case, or add them at the next audit, if it does).
ACTION_SLOTS = 3
YES_NO = [("yes", "Yes"), ("no", "No")]


class CaseAuditForm(GovukForm):
    audited_on = GovukDateField(label="Date of the audit", error_messages={"required": "Enter the date of the audit"})
    theme = forms.CharField(
        label="Theme (optional)",
        help_text="For a thematic audit, what this round looks at, for example child sexual exploitation risk",
        required=False,
        max_length=200,
    )
    grade = forms.ChoiceField(
        label="Grade",
        choices=Grade.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the grade"},
    )
    strengths = forms.CharField(
        label="What is done well",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter what is done well on the case"},
    )
    findings = forms.CharField(
        label="What must improve",
        help_text="And why it matters for the child",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter what must improve"},
    )
    child_voice_evident = forms.TypedChoiceField(
        label="Is the child's voice evident in the record?",
        help_text="Their wishes and feelings, in their words where they can give them",
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether the child's voice is evident in the record"},
    )

    def __init__(self, *args, workers, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "Choose a worker")] + [(w.pk, f"{w} ({w.job_title})") for w in workers]
        for number in range(1, ACTION_SLOTS + 1):
            self.fields[f"action_{number}_text"] = forms.CharField(
                label=f"Action {number}: what must be done",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"action_{number}_worker"] = forms.TypedChoiceField(
                label=f"Action {number}: who it is for", required=False, choices=choices, coerce=int, empty_value=None
            )
            self.fields[f"action_{number}_due_on"] = GovukDateField(label=f"Action {number}: due by", required=False)

    def action_groups(self) -> list[tuple[int, list]]:
        """The numbered action fields, for the page to show each action in its own fieldset."""
        return [
            (number, [self[f"action_{number}_{part}"] for part in ("text", "worker", "due_on")])
            for number in range(1, ACTION_SLOTS + 1)
        ]

    def audit_fields(self) -> list:
        # The page shows the fields in groups rather than as {{ form }}: style them all first, as
        # rendering the whole form would.
        for name, field in self.fields.items():
            self._style_widget(name, field)
        return [self[name] for name in ("audited_on", "theme", "grade", "strengths", "findings", "child_voice_evident")]

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "audited_on": data["audited_on"],
            "theme": data["theme"],
            "grade": data["grade"],
            "strengths": data["strengths"],
            "findings": data["findings"],
            "child_voice_evident": data["child_voice_evident"],
            "actions": [
                ActionDraft(
                    action=data[f"action_{number}_text"],
                    worker_id=data[f"action_{number}_worker"],
                    due_on=data[f"action_{number}_due_on"],
                )
                for number in range(1, ACTION_SLOTS + 1)
            ],
        }


class AuditActionCompleteForm(GovukForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    completed_on = GovukDateField(
        label="Date the action was completed", error_messages={"required": "Enter the date the action was completed"}
    )
    response = forms.CharField(
        label="What was done",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter what was done"},
    )


class AuditListFilterForm(GovukForm):
    """The case audits list's filters: all optional."""

    month = forms.TypedChoiceField(
        label="Month audited",
        required=False,
        coerce=datetime.date.fromisoformat,
        empty_value=None,
    )
    team = forms.TypedChoiceField(label="Team", required=False, coerce=int, empty_value=None)
    grade = forms.ChoiceField(label="Grade", required=False, choices=[("", "Any grade")] + Grade.choices)

    def __init__(self, *args, teams, months, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = [("", "Any team")] + [(t.pk, t.name) for t in teams]
        self.fields["month"].choices = [("", "Any month")] + [(m.isoformat(), f"{m:%B %Y}") for m in months]


class CaseSupervisionForm(GovukForm):
    held_on = GovukDateField(
        label="Date of the case supervision", error_messages={"required": "Enter the date of the case supervision"}
    )
    decisions = forms.CharField(
        label="Decisions made",
        help_text="What was decided about the child's plan, who will do it and by when",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter the decisions made about the child's plan"},
    )
