"""Helpers every service uses."""

import datetime

from django.utils import timezone


def london_datetime(day: datetime.date, time: datetime.time) -> datetime.datetime:
    """A date and wall-clock time in England as an aware datetime. In the repeated hour when the
    clocks go back, the first (summer-time) instance is meant."""
    return timezone.make_aware(datetime.datetime.combine(day, time), timezone.get_default_timezone())


def format_when(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%-d %B %Y at %H:%M")
