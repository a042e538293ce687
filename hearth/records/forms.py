import re

from django import forms
from django.core.exceptions import ValidationError

from hearth.core.forms import GovukDateField, GovukForm
from hearth.people.models import parse_hearth_id
from hearth.records.models import AlertType, NoteType
from hearth.records.services import ERROR_CHILD_NOT_YOURS

ERROR_HEARTH_ID = "Enter Hearth IDs like H0000123, separated by commas or spaces"


class NoteForm(GovukForm):
    """One form for a draft and for finalising it: every field may be empty in a draft; the
    finalise service says what a final note must have."""

    service_error_fields = {"note_type_code": "note_type"}

    children = forms.TypedMultipleChoiceField(
        label="Who the note is about",
        help_text="Tick each child the note is about: it will show on each of their records",
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    other_children = forms.CharField(
        label="Other children this note is about (optional)",
        help_text="Their Hearth IDs, for example H0000123, separated by commas or spaces",
        required=False,
        max_length=200,
    )
    note_type = forms.ChoiceField(label="Type of note", required=False)
    event_date = GovukDateField(label="Date of the event", help_text="For example 27 3 2025", required=False)
    present = forms.CharField(
        label="Who was present",
        help_text="Names and roles, for example: Mum (Jo Smith), the child, health visitor",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    childs_voice = forms.CharField(
        label="The child's voice",
        help_text="What the child said, did or showed about their life, in their own words where you can",
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    text = forms.CharField(label="Note", required=False, max_length=50000, widget=forms.Textarea(attrs={"rows": 10}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1, max_value=2**31 - 1)

    def __init__(self, *args, child_choices, manager: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["children"].choices = [(child.pk, f"{child} ({child.hearth_id})") for child in child_choices]
        types = NoteType.objects.filter(active=True)
        if not manager:
            types = types.exclude(is_management_oversight=True)
        self.fields["note_type"].choices = [("", "Choose the type")] + [(t.pk, t.label) for t in types]

    def clean_other_children(self) -> list[int]:
        ids = []
        for word in re.split(r"[\s,]+", self.cleaned_data["other_children"].strip()):
            if not word:
                continue
            pk = parse_hearth_id(word)
            if pk is None:
                raise ValidationError(ERROR_HEARTH_ID)
            ids.append(pk)
        return ids

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "child_ids": sorted(set(data["children"]) | set(data["other_children"])),
            "note_type_code": data["note_type"],
            "event_date": data["event_date"],
            "present": data["present"],
            "childs_voice": data["childs_voice"],
            "text": data["text"],
        }

    def add_service_error(self, error: ValidationError) -> None:
        if hasattr(error, "error_dict") and "children" in error.error_dict and ERROR_CHILD_NOT_YOURS in error.messages:
            # Said once, against where the unknown child was most likely typed.
            self.add_error(
                "other_children" if self.cleaned_data.get("other_children") else "children", ERROR_CHILD_NOT_YOURS
            )
            return
        super().add_service_error(error)


class AmendmentForm(GovukForm):
    text = forms.CharField(
        label="Amendment",
        help_text="What should be added or corrected. The original note stays as it was written",
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter the amendment"},
    )
    reason = forms.CharField(
        label="Reason for the amendment",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Enter the reason for the amendment"},
    )


class AlertForm(GovukForm):
    service_error_fields = {"alert_type_code": "alert_type"}

    alert_type = forms.ModelChoiceField(
        label="Type of alert",
        queryset=AlertType.objects.filter(active=True),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": "Choose the type of alert", "invalid_choice": "Choose the type of alert"},
    )
    reason = forms.CharField(
        label="Why the alert is raised",
        help_text="What someone meeting the child or family needs to know, and the source",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter why the alert is raised"},
    )
    raised_on = GovukDateField(label="Date raised", error_messages={"required": "Enter the date the alert is raised"})
    review_on = GovukDateField(
        label="Review date",
        help_text="When someone should check whether the alert still applies",
        error_messages={"required": "Enter the review date"},
    )


class AlertReviewForm(GovukForm):
    review_on = GovukDateField(label="Next review date", error_messages={"required": "Enter the next review date"})


class AlertEndForm(GovukForm):
    ended_on = GovukDateField(label="Date ended", error_messages={"required": "Enter the date the alert ended"})
    end_reason = forms.CharField(
        label="Why the alert is ended",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why the alert is ended"},
    )
    service_error_fields = {"reason": "end_reason"}


class ChronologyFilterForm(GovukForm):
    kinds = forms.MultipleChoiceField(label="Show", required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, kinds: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kinds"].choices = kinds
