"""Forms for care leavers: a personal adviser's contact and a pathway plan review (GOV.UK
components; the rules and their errors are the services')."""

from django import forms

from hearth.core.forms import GovukDateField, GovukForm
from hearth.leavers.codes import Accommodation, Activity, ContactMethod, InTouch

SUITABILITY = [("", "No information"), ("yes", "Suitable"), ("no", "Not suitable")]


class CareLeaverContactForm(GovukForm):
    contacted_on = GovukDateField(
        label="Date of the contact", error_messages={"required": "Enter the date of the contact"}
    )
    method = forms.ChoiceField(
        label="How the contact was made",
        choices=ContactMethod.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose how the contact was made",
            "invalid_choice": "Choose how the contact was made",
        },
    )
    in_touch = forms.ChoiceField(
        label="Was the young person in touch?",
        choices=InTouch.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose whether the young person was in touch",
            "invalid_choice": "Choose from the list",
        },
    )
    activity = forms.ChoiceField(
        label="Main activity",
        help_text="If the young person was not in touch, choose '0: no information'",
        choices=[("", "Choose an activity")] + Activity.choices,
        error_messages={
            "required": "Choose the young person's main activity",
            "invalid_choice": "Choose from the list",
        },
    )
    accommodation = forms.ChoiceField(
        label="Accommodation",
        help_text="If the young person was not in touch, choose '0: no information'",
        choices=[("", "Choose the accommodation")] + Accommodation.choices,
        error_messages={"required": "Choose where the young person lives", "invalid_choice": "Choose from the list"},
    )
    accommodation_suitable = forms.ChoiceField(
        label="Is the accommodation suitable?",
        help_text="Needed with any accommodation other than '0: no information'",
        choices=SUITABILITY,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose suitable, not suitable or no information"},
    )
    note = forms.CharField(label="Note (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def clean_accommodation_suitable(self):
        return {"yes": True, "no": False}.get(self.cleaned_data.get("accommodation_suitable"))


class PathwayPlanReviewForm(GovukForm):
    reviewed_on = GovukDateField(
        label="Date the plan was agreed or reviewed", error_messages={"required": "Enter the date of the review"}
    )
    personal_adviser = forms.CharField(
        label="Personal adviser",
        max_length=200,
        error_messages={"required": "Enter the young person's personal adviser"},
    )
    summary = forms.CharField(
        label="What the plan says and what changed",
        help_text="Accommodation, education, employment or training, health, money, support; the young person's views",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Enter what the plan says and what changed"},
    )
    child_voice = forms.CharField(
        label="The young person's voice",
        help_text="What the young person said about their plan and their future, in their own words",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class SupportTo25RequestForm(GovukForm):
    requested_on = GovukDateField(
        label="Date the young person asked for support to 25",
        help_text="From their 18th birthday. From this day to their 25th birthday their contacts and pathway plan "
        "go on as before 21. For example, 27 3 2026",
        error_messages={"required": "Enter the date the young person asked"},
    )
    note = forms.CharField(
        label="What they asked for (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SupportTo25WithdrawalForm(GovukForm):
    withdrawn_on = GovukDateField(
        label="Date the young person said they no longer want support",
        help_text="After the day they asked. From this day no contact or pathway plan past 21 is owed, until they "
        "ask again. For example, 27 3 2026",
        error_messages={"required": "Enter the date the young person said they no longer want support"},
    )
    reason = forms.CharField(
        label="What the young person said",
        help_text="Why they no longer want a personal adviser's support, in their own words if they like",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter what the young person said, or why they no longer want support"},
    )
