"""GOV.UK Design System rendering for Django forms.

Every Hearth form inherits GovukForm: each field is rendered with its label, hint and error
message in GOV.UK markup (templates/govuk/forms/), the page shows a GOV.UK error summary linking
to the fields in error, and dates are asked for as the GOV.UK date input (day, month, year).
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting

# The GOV.UK class each kind of widget takes, keyed by Django's BoundField.widget_type.
WIDGET_CLASSES = {
    "text": "govuk-input",
    "email": "govuk-input",
    "number": "govuk-input govuk-input--width-5",
    "password": "govuk-input",
    "date": "govuk-input",
    "time": "govuk-input govuk-input--width-5",
    "textarea": "govuk-textarea",
    "select": "govuk-select",
}
ERROR_CLASSES = {
    "govuk-input": "govuk-input--error",
    "govuk-textarea": "govuk-textarea--error",
    "govuk-select": "govuk-select--error",
}


class GovukFormRenderer(TemplatesSetting):
    form_template_name = "govuk/forms/form.html"
    field_template_name = "govuk/forms/field.html"


class GovukDateWidget(forms.MultiWidget):
    """The GOV.UK date input: three boxes for day, month and year."""

    template_name = "govuk/forms/date_widget.html"
    parts = ("day", "month", "year")

    def __init__(self, attrs=None):
        widgets = {
            part: forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input govuk-date-input__input"})
            for part in self.parts
        }
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None, None, None]

    def value_from_datadict(self, data, files, name):
        day, month, year = (data.get(f"{name}_{part}", "").strip() for part in self.parts)
        if not (day or month or year):
            return None
        # Handed to DateField as text; anything that is not a real date fails its validation.
        return f"{year}-{month}-{day}"

    def get_context(self, name, value, attrs):
        if isinstance(value, str) and value.count("-") == 2:
            year, month, day = value.split("-")
            value = [day, month, year]
        context = super().get_context(name, value, attrs)
        for subwidget, part in zip(context["widget"]["subwidgets"], self.parts, strict=True):
            subwidget["part"] = part
            if getattr(self, "has_error", False):
                subwidget["attrs"]["class"] += " govuk-input--error"
            if part == "year":
                subwidget["attrs"]["class"] += " govuk-input--width-4"
            else:
                subwidget["attrs"]["class"] += " govuk-input--width-2"
        return context


class GovukDateField(forms.DateField):
    widget = GovukDateWidget
    default_error_messages = {"invalid": "Enter a real date, for example 27 3 2025"}

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", ["%Y-%m-%d"])
        super().__init__(**kwargs)


class GovukTimeField(forms.TimeField):
    default_error_messages = {"invalid": "Enter a time on the 24-hour clock, for example 14:30"}

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", ["%H:%M", "%H.%M", "%H%M"])
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))
        kwargs.setdefault("help_text", "On the 24-hour clock, for example 14:30")
        super().__init__(**kwargs)
        self.widget.govuk_classes = "govuk-input--width-5"


ERROR_MISSING_VERSION = "Open the page again: it was missing its version, so nothing was saved"


class VersionField(forms.IntegerField):
    """The version of the record the page was opened on (a hidden field): the service refuses the save
    if the record changed meanwhile. Required: a post without it would overwrite whatever is there."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", 2**31 - 1)
        kwargs.setdefault("error_messages", {"required": ERROR_MISSING_VERSION})
        super().__init__(**kwargs)


class GovukForm(forms.Form):
    """A form rendered in GOV.UK markup, able to show errors raised by a service."""

    # Where a service names an argument differently from the form's field (decided_at is asked
    # for as decided_on and decided_time), its errors are shown on this field.
    service_error_fields: dict[str, str] = {}

    def get_context(self):
        for name, field in self.fields.items():
            self._style_widget(name, field)
        return super().get_context()

    def _style_widget(self, name, field):
        bound = self[name]
        base = WIDGET_CLASSES.get(bound.widget_type)
        if base:
            css = [base]
            # A widget may ask for a GOV.UK width class, e.g. govuk-input--width-10 for an ID.
            if getattr(field.widget, "govuk_classes", ""):
                css.append(field.widget.govuk_classes)
            if self.is_bound and name in self.errors:
                css.append(ERROR_CLASSES[base.split()[0]])
            field.widget.attrs["class"] = " ".join(css)
        if bound.widget_type == "govukdate":
            field.widget.has_error = self.is_bound and name in self.errors
        described_by = []
        if field.help_text:
            described_by.append(f"{bound.auto_id}-hint")
        if self.is_bound and name in self.errors:
            described_by.append(f"{bound.auto_id}-error")
        if described_by and bound.widget_type not in {"radioselect", "govukdate", "checkboxselectmultiple"}:
            field.widget.attrs["aria-describedby"] = " ".join(described_by)

    def add_service_error(self, error: ValidationError) -> None:
        """Show a service's refusal on the form: per field where the service named one."""
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                field = self.service_error_fields.get(field, field)
                self.add_error(field if field in self.fields else None, errors)
        else:
            self.add_error(None, error)


class GovukModelForm(GovukForm, forms.ModelForm):
    pass


def error_summary_items(form) -> list[dict]:
    """The GOV.UK error summary's list: each message with the id of the field it belongs to."""
    items = []
    for message in form.non_field_errors():
        items.append({"text": message, "href": ""})
    for name, errors in form.errors.items():
        if name == "__all__":
            continue
        bound = form[name]
        if bound.widget_type == "govukdate":
            anchor = f"{bound.auto_id}_day"
        elif bound.widget_type in {"radioselect", "checkboxselectmultiple"}:
            anchor = f"{bound.auto_id}_0"
        else:
            anchor = bound.id_for_label
        for message in errors:
            items.append({"text": message, "href": f"#{anchor}"})
    return items
