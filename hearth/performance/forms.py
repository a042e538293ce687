from django.utils import timezone

from hearth.core.forms import GovukDateField, GovukForm


class AsOfForm(GovukForm):
    as_of = GovukDateField(label="Figures as of", required=False, help_text="For example, 31 3 2026. Empty for today")

    def clean_as_of(self):
        as_of = self.cleaned_data["as_of"] or timezone.localdate()
        if as_of > timezone.localdate():
            from django import forms

            raise forms.ValidationError("The date must be today or in the past")
        return as_of

    def as_of_or_today(self):
        return self.cleaned_data["as_of"] if self.is_valid() else timezone.localdate()
