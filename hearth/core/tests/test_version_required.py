"""Every form that carries the version of the record it edits requires it: a post without one would
silently overwrite a change someone else made meanwhile (the lost update the version exists to stop)."""

import importlib
import pkgutil

from django import forms

import hearth


def all_form_classes() -> set[type[forms.BaseForm]]:
    for module in pkgutil.iter_modules(hearth.__path__):
        if importlib.util.find_spec(f"hearth.{module.name}.forms") if module.ispkg else None:
            importlib.import_module(f"hearth.{module.name}.forms")
    found, queue = set(), [forms.Form, forms.ModelForm]
    while queue:
        for subclass in queue.pop().__subclasses__():
            if subclass.__module__.startswith("hearth.") and subclass not in found:
                found.add(subclass)
                queue.append(subclass)
            elif subclass not in found:
                queue.append(subclass)
    return found


# A new case note has no version yet; an edit without one is refused by the service itself, as stale
# (hearth/records/services.py _locked_draft compares it with the stored version).
VERSION_OPTIONAL_BECAUSE = {
    "hearth.records.forms.NoteForm": "a new draft has none; an edit without it is stale",
    # One form adds and edits a provider: an edit without the version is read as 0 and refused as
    # stale by provider_update (a provider's version starts at 1).
    "hearth.care.forms.ProviderForm": "a new provider has none; an edit without it is stale",
}


def test_every_form_with_a_version_requires_it():
    versioned = {form for form in all_form_classes() if "version" in form.base_fields}
    assert len(versioned) >= 10  # the check finds the forms it is about
    optional = sorted(
        f"{form.__module__}.{form.__name__}" for form in versioned if not form.base_fields["version"].required
    )
    assert optional == sorted(VERSION_OPTIONAL_BECAUSE)
