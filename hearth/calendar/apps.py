from django.apps import AppConfig


class CalendarConfig(AppConfig):
    name = "hearth.calendar"
    label = "hearth_calendar"
    verbose_name = "Working-day calendar"
