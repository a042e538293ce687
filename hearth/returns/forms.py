"""The Returns pages' forms (GOV.UK components): the collection year, a run on demand, the filters;
the period of Ofsted's Annex A."""

from django import forms
from django.utils import timezone

from hearth.core.forms import GovukDateField, GovukForm
from hearth.returns.annex_a.export import ERROR_END_BEFORE_START, ERROR_END_IN_FUTURE
from hearth.returns.models import collection_year_label
from hearth.returns.services import ended_collection_years, offered_collection_years


def year_choices(today=None) -> list[tuple[int, str]]:
    years = offered_collection_years(today)
    notes = {0: " (this year, to date)", 1: " (the last complete year)"}
    return [
        (year, f"{collection_year_label(year)}: 1 April {year - 1} to 31 March {year}{notes.get(i, '')}")
        for i, year in enumerate(years)
    ]


class CollectionYearForm(GovukForm):
    """The year shown, and the year a run is asked for."""

    year = forms.TypedChoiceField(
        label="Collection year",
        coerce=int,
        error_messages={"required": "Choose a collection year", "invalid_choice": "Choose a collection year"},
    )

    service_error_fields = {"collection_year": "year"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = year_choices()


class HolderFilterForm(GovukForm):
    """Narrow the failures by child to the children a worker or a team holds now."""

    worker = forms.TypedChoiceField(label="Worker holding the child", required=False, coerce=int, empty_value=None)
    team = forms.TypedChoiceField(label="Team", required=False, coerce=int, empty_value=None)

    def __init__(self, *args, workers, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worker"].choices = [("", "Any worker")] + [(w.pk, str(w)) for w in workers]
        self.fields["team"].choices = [("", "Any team")] + [(t.pk, t.name) for t in teams]


class AnnexAPeriodForm(GovukForm):
    """The period Ofsted's Annex A lists cover (GOV.UK date inputs; six months before today unless
    changed)."""

    period_start = GovukDateField(
        label="From",
        help_text="The first day of the period, for example 7 6 2026",
        error_messages={"required": "Enter the first day of the period"},
    )
    period_end = GovukDateField(
        label="To",
        help_text="The last day of the period, for example 6 12 2026",
        error_messages={"required": "Enter the last day of the period"},
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if end is not None and end > timezone.localdate():
            self.add_error("period_end", ERROR_END_IN_FUTURE)
        elif start is not None and end is not None and end < start:
            self.add_error("period_end", ERROR_END_BEFORE_START)
        return cleaned


class ReconciliationYearForm(GovukForm):
    """The complete collection year whose returns are set beside the catalogue (a return is the year's
    to 31 March, so the year to date has none to compare)."""

    year = forms.TypedChoiceField(
        label="Collection year",
        coerce=int,
        error_messages={"required": "Choose a collection year", "invalid_choice": "Choose a complete collection year"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = complete_year_choices()


def complete_year_choices(today=None) -> list[tuple[int, str]]:
    years = ended_collection_years(today)
    notes = {0: " (the last complete year)"}
    return [
        (year, f"{collection_year_label(year)}: 1 April {year - 1} to 31 March {year}{notes.get(i, '')}")
        for i, year in enumerate(years)
    ]
