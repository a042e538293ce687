from django import forms

from hearth.core.forms import GovukDateField, GovukForm
from hearth.people.models import Sex


class ChildSearchForm(GovukForm):
    q = forms.CharField(
        label="Name or Hearth ID", max_length=200, required=False, help_text="For example, Jordan Smith or H0000123"
    )


class ChildForm(GovukForm):
    first_name = forms.CharField(
        label="First name", max_length=100, error_messages={"required": "Enter the child's first name"}
    )
    last_name = forms.CharField(
        label="Last name", max_length=100, error_messages={"required": "Enter the child's last name"}
    )
    date_of_birth = GovukDateField(
        label="Date of birth", required=False, help_text="For example, 27 3 2015. Leave empty if not known"
    )
    sex = forms.ChoiceField(label="Sex", choices=Sex.choices, widget=forms.RadioSelect, initial=Sex.UNKNOWN)
