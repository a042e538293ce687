"""Any recorded fact as plain data (for the subject access export): every field, in words.

Choices are given as their labels, people by name, other linked records by their own description,
dates and times as ISO text in UK time. Bookkeeping fields (ids, versions) are left out: they mean
nothing to the person reading their file.
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

LEFT_OUT = {"id", "version"}


def when(value):
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat()
    return value.isoformat()


def fact_as_data(instance: models.Model, *, leave_out: set[str] = frozenset()) -> dict:
    data = {}
    for field in instance._meta.concrete_fields:
        if field.name in LEFT_OUT or field.name in leave_out:
            continue
        data[str(field.verbose_name)] = _value(instance, field)
    return data


def _value(instance, field):
    if field.is_relation:
        related = getattr(instance, field.name)
        if related is None:
            return None
        if field.related_model._meta.label == settings.AUTH_USER_MODEL:
            return related.get_full_name() or related.username
        return str(related)
    if field.choices:
        return getattr(instance, f"get_{field.name}_display")() or None
    value = getattr(instance, field.attname)
    if isinstance(value, datetime.date):
        return when(value)
    if hasattr(value, "as_tuple"):  # Decimal
        return str(value)
    return value
