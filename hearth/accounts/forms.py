from django import forms

from hearth.core.forms import GovukForm


class CodeForm(GovukForm):
    code = forms.CharField(
        label="Code from your authenticator app",
        max_length=10,
        help_text="6 digits, for example 123456",
        error_messages={"required": "Enter the 6-digit code your authenticator app shows now"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        widget = self.fields["code"].widget
        widget.govuk_classes = "govuk-input--width-5"
        widget.attrs.update({"inputmode": "numeric", "autocomplete": "one-time-code", "spellcheck": "false"})


class EnrolmentCodeForm(GovukForm):
    enrolment_code = forms.CharField(
        label="Enrolment code",
        max_length=40,
        help_text="The code your Hearth administrator gave you, for example ABCD-EFGH-JKMN-PQRS",
        error_messages={"required": "Enter the enrolment code your Hearth administrator gave you"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        widget = self.fields["enrolment_code"].widget
        widget.govuk_classes = "govuk-input--width-20"
        widget.attrs.update({"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"})
