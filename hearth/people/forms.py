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

    def ask_to_confirm_not_a_duplicate(self):
        """Once possible matches have been shown: the person must say none of them is this child."""
        self.fields["not_a_duplicate"] = forms.BooleanField(
            label="None of these is the child: create a new record", required=False
        )


class RestrictionForm(GovukForm):
    service_error_fields = {"allowed_user_ids": "allowed_users"}

    reason = forms.CharField(
        label="Why is the record restricted?",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example, the child's parent works in children's services",
        error_messages={"required": "Enter why the record is restricted"},
    )
    allowed_users = forms.ModelMultipleChoiceField(
        label="Who may see the record",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text="Everyone else, whatever their role, will neither find nor open it. You are included.",
        error_messages={"required": "Name at least one person, besides you, who may see the record"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from django.contrib.auth import get_user_model

        self.fields["allowed_users"].queryset = (
            get_user_model()
            .objects.filter(is_active=True, groups__isnull=False)
            .distinct()
            .order_by("last_name", "first_name")
        )
        self.fields["allowed_users"].label_from_instance = lambda user: (
            f"{user.get_full_name() or user.username} ({', '.join(g.name for g in user.groups.all())})"
        )
