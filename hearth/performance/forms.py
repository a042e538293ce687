from django import forms
from django.utils import timezone

from hearth.core import collection_years
from hearth.core.forms import GovukDateField, GovukForm, VersionField
from hearth.performance.indicator import EARLIEST_AS_OF


class AsOfForm(GovukForm):
    as_of = GovukDateField(label="Figures as of", required=False, help_text="For example, 31 3 2026. Empty for today")

    def clean_as_of(self):
        as_of = self.cleaned_data["as_of"] or timezone.localdate()
        if as_of > timezone.localdate():
            raise forms.ValidationError("The date must be today or in the past")
        if as_of < EARLIEST_AS_OF:
            raise forms.ValidationError(f"The date must be on or after {EARLIEST_AS_OF:%-d %B %Y}")
        return as_of

    def as_of_or_today(self):
        return self.cleaned_data["as_of"] if self.is_valid() else timezone.localdate()


class TargetForm(GovukForm):
    target = forms.DecimalField(
        label="Target",
        max_digits=9,
        decimal_places=2,
        error_messages={"required": "Enter the target", "invalid": "Enter the target as a number"},
    )
    tolerance = forms.DecimalField(
        label="Tolerance",
        max_digits=9,
        decimal_places=2,
        initial=5,
        help_text="How far short of the target is amber rather than red",
        error_messages={"required": "Enter the tolerance", "invalid": "Enter the tolerance as a number"},
    )
    version = VersionField()


class BenchmarkUploadForm(GovukForm):
    file = forms.FileField(
        label="Benchmark file (CSV)",
        help_text="Columns: indicator_id, year, geography, value, source, published_on",
        error_messages={"required": "Choose a CSV file to load"},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 2 * 1024 * 1024:
            raise forms.ValidationError("The file must be smaller than 2 MB")
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise forms.ValidationError("The file must be a CSV saved as UTF-8 text") from error


class PublishForm(GovukForm):
    month = forms.ChoiceField(label="Month to publish", error_messages={"required": "Choose the month to publish"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from hearth.frontdoor.forms import ended_months

        self.fields["month"].choices = [("", "Choose a month")] + [
            (m.isoformat(), f"{m:%B %Y}") for m in ended_months()
        ]

    def clean_month(self):
        import datetime

        return datetime.date.fromisoformat(self.cleaned_data["month"])


class CommentaryForm(GovukForm):
    text = forms.CharField(
        label="Commentary",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What the figure shows, why, and what is being done",
        error_messages={"required": "Enter the commentary"},
    )
    version = VersionField()


def ended_quarters(count: int = 8) -> list[tuple[int, int]]:
    """(statutory year, quarter) of the last `count` quarters that have ended, newest first."""
    from hearth.performance.selectors import quarter_month_ends

    today = timezone.localdate()
    year = collection_years.year_start_of(today).year
    found = []
    for y in range(year, year - 4, -1):
        for q in (4, 3, 2, 1):
            if quarter_month_ends(y, q)[-1] < today:
                found.append((y, q))
    return found[:count]


class QuarterForm(GovukForm):
    quarter = forms.ChoiceField(label="Quarter", error_messages={"required": "Choose a quarter"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quarter"].choices = [(f"{y}-Q{q}", f"Q{q} {y}-{(y + 1) % 100:02d}") for y, q in ended_quarters()]

    def chosen(self) -> tuple[int, int] | None:
        if not self.is_valid():
            return ended_quarters()[0] if ended_quarters() else None
        year, quarter = self.cleaned_data["quarter"].split("-Q")
        return int(year), int(quarter)


class PopulationForm(GovukForm):
    year = forms.IntegerField(
        label="Statutory year (first calendar year)",
        help_text="2025 for 2025-26",
        error_messages={"required": "Enter the year", "invalid": "Enter the year as a number, for example 2025"},
    )
    children = forms.IntegerField(
        label="Children aged 0 to 17",
        min_value=1,
        error_messages={"required": "Enter the number of children", "invalid": "Enter a whole number"},
    )
    source = forms.CharField(
        label="Source",
        help_text="For example: ONS mid-2024 population estimate, published June 2025",
        max_length=300,
        required=False,
    )
    version = VersionField()
