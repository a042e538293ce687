"""The employment details form (service manager or system administrator): docs/workforce.md."""

from decimal import Decimal

from django import forms

from hearth.core.forms import GovukDateField, GovukForm, VersionField
from hearth.workforce.models import EmploymentType


class WorkerEmploymentForm(GovukForm):
    employment_type = forms.ChoiceField(
        label="Employment type",
        choices=EmploymentType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose permanent, agency or secondment"},
    )
    fte = forms.DecimalField(
        label="Full-time equivalent (FTE)",
        min_value=Decimal("0.01"),
        max_value=Decimal("1"),
        decimal_places=2,
        help_text="1 for full time; 0.8 for four days a week",
        error_messages={
            "required": "Enter the full-time equivalent, like 1 or 0.8",
            "invalid": "Enter the full-time equivalent as a number, like 0.8",
            "min_value": "Enter a full-time equivalent more than 0",
            "max_value": "Enter a full-time equivalent of at most 1",
            "max_decimal_places": "Enter the full-time equivalent with at most 2 decimal places",
        },
    )
    started_on = GovukDateField(label="Start date", required=False)
    left_on = GovukDateField(label="Leaving date", required=False, help_text="The last day the worker was employed")
    qualified_on = GovukDateField(label="Date qualified as a social worker", required=False)
    asye_started_on = GovukDateField(
        label="ASYE year started",
        required=False,
        help_text="A newly qualified worker in the assessed and supported year has a protected caseload for 12 months",
    )
    version = VersionField()


class TeamEstablishmentForm(GovukForm):
    funded_fte = forms.DecimalField(
        label="Funded social worker posts (FTE)",
        min_value=Decimal("0"),
        max_value=Decimal("999.99"),
        decimal_places=2,
        help_text="The team's establishment in full-time equivalents, like 8.5",
        error_messages={
            "required": "Enter the funded posts, like 8.5",
            "invalid": "Enter the funded posts as a number, like 8.5",
            "min_value": "Enter funded posts of 0 or more",
            "max_value": "Enter funded posts of less than 1000",
            "max_decimal_places": "Enter the funded posts with at most 2 decimal places",
        },
    )
