"""Forms for looked-after children's care record (GOV.UK components; errors from the services)."""

# The care record: start care, legal status, placement, end, care plan --------------------------------

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model

from hearth.care.codes import CareEndReason, LegalStatus, PlacementChangeReason, PlacementProvider, PlacementType
from hearth.care.models import CATEGORIES_OF_NEED, Provider, ProviderKind
from hearth.core.forms import GovukDateField, GovukForm

YES_NO = [("yes", "Yes"), ("no", "No")]


def _choose(what: str, choices) -> list:
    return [("", f"Choose {what}")] + list(choices)


def _yes_no(label: str, required_message: str, help_text: str = "") -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        help_text=help_text,
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": required_message},
    )


class ProviderChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        urn = f", URN {obj.urn_for_return}" if obj.urn_for_return else ""
        return f"{obj.name} ({obj.get_kind_display()}, {obj.code_for_return}{urn})"


class ApproverChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user) -> str:
        return user.get_full_name() or user.username


def distance_approvers():
    """Active team managers, service managers and directors: who may approve a placement far from home."""
    from hearth.care.services import DISTANCE_APPROVERS

    users = get_user_model().objects.filter(is_active=True, groups__name__in=[str(r) for r in DISTANCE_APPROVERS])
    return users.distinct().order_by("first_name", "last_name", "username")


class PlacementFields(forms.Form):
    """The placement's details (903 PLACE; the provider in the register gives PLACE_PROVIDER and URN;
    PL_POST, HOME_POST). Whether it is inside the council's area is derived from the postcode."""

    placement_type = forms.ChoiceField(
        label="Placement type",
        choices=_choose("a placement type", PlacementType.choices),
        error_messages={"required": "Choose a placement type from the list"},
    )
    provider = ProviderChoiceField(
        label="Who provides the placement",
        help_text="From the register of providers. If they are not in it, ask a manager to add them",
        queryset=Provider.objects.select_related("agency").order_by("name", "id"),
        empty_label="Choose a provider",
        error_messages={
            "required": "Choose who provides the placement from the register",
            "invalid_choice": "Choose who provides the placement from the register",
        },
    )
    # Postcodes are checked by the service (their shape, with its message), so no length limit here.
    postcode = forms.CharField(
        label="Placement postcode",
        help_text="Where the child lives. Whether this is inside the council's area is worked out from it",
        error_messages={"required": "Enter the placement's postcode"},
    )
    home_postcode = forms.CharField(label="Postcode of the home the child left (if known)", required=False)
    long_term_until_18 = forms.BooleanField(
        label="A decision has been recorded that this placement is intended to last until the child is 18",
        required=False,
    )
    # Only for a placement more than 20 miles from home, which is refused without them.
    distance_approved_by = ApproverChoiceField(
        label="Approved by (a placement more than 20 miles from home)",
        help_text="The manager who approved the placement so far from home. Leave empty for a placement within "
        "20 miles",
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label="No approval needed",
        error_messages={"invalid_choice": "Choose the manager who approved the placement from the list"},
    )
    distance_approved_on = GovukDateField(
        label="Date the placement far from home was approved",
        help_text="On or before the day the placement starts. For example, 27 3 2025",
        required=False,
    )
    distance_risk_assessment = forms.CharField(
        label="Risk assessment of the placement far from home",
        help_text="Why this placement is in the child's best interests, and how the risks of the distance "
        "(contact with family, school, visits) will be managed",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["distance_approved_by"].queryset = distance_approvers()

    def placement_details(self):
        from hearth.care.services import PlacementDetails

        data = self.cleaned_data
        return PlacementDetails(
            placement_type=data["placement_type"],
            provider_id=data["provider"].pk,
            postcode=data["postcode"],
            home_postcode=data.get("home_postcode", ""),
            long_term_until_18=data.get("long_term_until_18", False),
            distance_approved_by_id=data["distance_approved_by"].pk if data.get("distance_approved_by") else None,
            distance_approved_on=data.get("distance_approved_on"),
            distance_risk_assessment=data.get("distance_risk_assessment", ""),
        )


PLACEMENT_FIELD_NAMES = list(PlacementFields.base_fields)


class CareStartForm(GovukForm, PlacementFields):
    started_on = GovukDateField(
        label="Date the child became looked after", error_messages={"required": "Enter the date care started"}
    )
    category_of_need = forms.ChoiceField(
        label="Category of need",
        choices=_choose("a category of need", CATEGORIES_OF_NEED),
        error_messages={"required": "Choose the child's category of need (N1 to N8)"},
    )
    legal_status = forms.ChoiceField(
        label="Legal status",
        choices=_choose("a legal status", LegalStatus.choices),
        error_messages={"required": "Choose a legal status from the list"},
    )

    emergency = forms.BooleanField(
        label="An emergency: the child had to be looked after before the decision was approved",
        help_text="The approval is then recorded afterwards, and is due the next working day",
        required=False,
    )
    approved_by = forms.ModelChoiceField(
        label="Who approved the decision to look after the child",
        help_text="A service manager or the director, as the council's threshold requires. Leave blank in an emergency",
        queryset=None,
        required=False,
        empty_label="Choose who approved it",
        error_messages={"invalid_choice": "Choose who approved the decision from the list"},
    )
    approved_on = GovukDateField(label="Date the decision was approved", required=False)

    field_order = [
        "started_on",
        "category_of_need",
        "legal_status",
        *PLACEMENT_FIELD_NAMES,
        "approved_by",
        "approved_on",
        "emergency",
    ]

    def __init__(self, *args, **kwargs):
        from hearth.care.services import DECISION_APPROVERS

        super().__init__(*args, **kwargs)
        roles, _ = DECISION_APPROVERS[settings.HEARTH_CARE_DECISION_BY]
        self.fields["approved_by"].queryset = (
            get_user_model()
            .objects.filter(is_active=True, groups__name__in=[role.value for role in roles])
            .distinct()
            .order_by("first_name", "last_name", "username")
        )
        self.fields["approved_by"].label_from_instance = lambda user: user.get_full_name() or user.username

    def decision(self):
        from hearth.care.services import StartDecision

        data = self.cleaned_data
        approver = data.get("approved_by")
        return StartDecision(
            emergency=bool(data.get("emergency")),
            approved_by_id=approver.pk if approver else None,
            approved_on=data.get("approved_on"),
        )


class CareDecisionApproveForm(GovukForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    approved_on = GovukDateField(
        label="Date you approved the decision", error_messages={"required": "Enter the date you approved it"}
    )


class LegalStatusChangeForm(GovukForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    changed_on = GovukDateField(
        label="Date the legal status changed", error_messages={"required": "Enter the date the legal status changed"}
    )
    legal_status = forms.ChoiceField(
        label="New legal status",
        choices=_choose("a legal status", LegalStatus.choices),
        error_messages={"required": "Choose a legal status from the list"},
    )


class PlacementChangeForm(GovukForm, PlacementFields):
    version = forms.IntegerField(widget=forms.HiddenInput)
    changed_on = GovukDateField(
        label="Date the child moved", error_messages={"required": "Enter the date the child moved"}
    )
    reason = forms.ChoiceField(
        label="Why the current placement ended",
        choices=_choose("a reason", PlacementChangeReason.choices),
        error_messages={"required": "Choose why the placement ended"},
    )

    field_order = ["version", "changed_on", "reason", *PLACEMENT_FIELD_NAMES]


class CareEndForm(GovukForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    ended_on = GovukDateField(
        label="Date the child ceased to be looked after", error_messages={"required": "Enter the date care ended"}
    )
    reason = forms.ChoiceField(
        label="Why the child ceased to be looked after",
        choices=_choose("a reason", CareEndReason.choices),
        error_messages={"required": "Choose why the child ceased to be looked after"},
    )
    note = forms.CharField(
        label="Anything more about why",
        help_text="Needed when the reason is 'any other reason'",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CarePlanForm(GovukForm):
    agreed_on = GovukDateField(
        label="Date the care plan was agreed", error_messages={"required": "Enter the date the plan was agreed"}
    )
    permanence_plan = forms.CharField(
        label="Permanence plan",
        help_text="Where the child will grow up: for example return home, long-term fostering, adoption",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the permanence plan"},
    )
    summary = forms.CharField(
        label="What the plan says",
        help_text="The child's needs and how they will be met",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Enter what the care plan says"},
    )
    child_voice = forms.CharField(
        label="The child's voice",
        help_text="What the child said or showed about their plan, in their own words. For a baby, what you saw.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class ProviderForm(GovukForm):
    """An entry in the register of placement providers (errors from hearth/care/services.py)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    kind = forms.ChoiceField(
        label="What kind of provider",
        choices=_choose("a kind", ProviderKind.choices),
        error_messages={"required": "Choose what kind of provider this is"},
    )
    name = forms.CharField(
        label="Name",
        help_text="The carers' names (for a household), or the name of the home, agency or setting",
        max_length=200,
        error_messages={
            "required": "Enter the carers' names, or the name of the home or setting",
            "max_length": "The name is at most 200 characters",
        },
    )
    provider_code = forms.ChoiceField(
        label="Provider code (903 PLACE_PROVIDER)",
        choices=_choose("a provider code", PlacementProvider.choices),
        error_messages={"required": "Choose the provider code (PR0 to PR5)"},
    )
    urn = forms.CharField(
        label="Ofsted URN (if registered)",
        help_text="SC and six digits, or Ofsted's newer all-digit numbers. An agency's carers take the agency's",
        max_length=8,
        required=False,
        error_messages={"max_length": "An Ofsted URN is at most 8 characters"},
    )
    postcode = forms.CharField(label="Postcode of the setting (if any)", required=False)
    agency = forms.ModelChoiceField(
        label="Their independent fostering agency (for an agency's foster carers)",
        queryset=Provider.objects.filter(kind=ProviderKind.FOSTERING_AGENCY).order_by("name"),
        required=False,
        empty_label="None",
        error_messages={"invalid_choice": "Choose the foster carers' independent fostering agency from the register"},
    )

    def provider_details(self):
        from hearth.care.services import ProviderDetails

        data = self.cleaned_data
        return ProviderDetails(
            kind=data["kind"],
            name=data["name"],
            provider_code=data["provider_code"],
            urn=data.get("urn", ""),
            postcode=data.get("postcode", ""),
            agency_id=data["agency"].pk if data.get("agency") else None,
        )


class DeprivationOfLibertyStartForm(GovukForm):
    started_on = GovukDateField(
        label="Date the order was made", error_messages={"required": "Enter the date the order was made"}
    )


class DeprivationOfLibertyEndForm(GovukForm):
    ended_on = GovukDateField(
        label="Date the order ended", error_messages={"required": "Enter the date the order ended"}
    )
