from django.db import models

GOVUK_SOURCE = "GOV.UK bank-holidays.json, England and Wales division"


class BankHoliday(models.Model):
    """A bank holiday in England and Wales, as GOV.UK publishes it."""

    date = models.DateField(unique=True)
    title = models.CharField(max_length=200)
    source = models.CharField(max_length=300, help_text="Where this date was read from")
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d %b %Y} {self.title}"
