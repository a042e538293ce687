"""The supervision form: a worker's supervision with the decisions made (docs/workforce.md)."""

from django import forms

from hearth.core.forms import GovukDateField, GovukForm


class SupervisionForm(GovukForm):
    held_on = GovukDateField(
        label="Date of the supervision", error_messages={"required": "Enter the date of the supervision"}
    )
    decisions = forms.CharField(
        label="Decisions made",
        help_text="What was agreed, who will do it and by when",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter the decisions made in the supervision"},
    )
