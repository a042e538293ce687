"""The form to appoint a looked-after child's Independent Reviewing Officer (GOV.UK components; the
service gives the errors that need the record: the dates, a closed period, a change made meanwhile),
and the choice of an IRO it shares with the review form (hearth/duties/forms.py)."""

from django import forms
from django.contrib.auth import get_user_model

from hearth.core.forms import GovukDateField, GovukForm
from hearth.core.roles import Role


def independent_reviewing_officers():
    """Everyone who may be chosen as a child's IRO or a review's chair: active users with the IRO role."""
    return (
        get_user_model().objects.filter(is_active=True, groups__name=Role.IRO.value).order_by("last_name", "first_name")
    )


class IroChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user) -> str:
        return user.get_full_name() or user.username


class IroAppointForm(GovukForm):
    # The current appointment the page was opened on (0 for none): the form's version.
    current_id = forms.IntegerField(widget=forms.HiddenInput)
    iro = IroChoiceField(
        label="Independent reviewing officer",
        queryset=get_user_model().objects.none(),
        empty_label="Choose the independent reviewing officer",
        error_messages={
            "required": "Choose the independent reviewing officer",
            "invalid_choice": "Choose an independent reviewing officer from the list",
        },
    )
    started_on = GovukDateField(
        label="Appointed from",
        help_text="For example, 27 3 2025. If another IRO is appointed, their appointment ends the day before",
        error_messages={"required": "Enter the date the appointment starts"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["iro"].queryset = independent_reviewing_officers()

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {"iro_id": data["iro"].pk, "started_on": data["started_on"], "current_id": data["current_id"]}
