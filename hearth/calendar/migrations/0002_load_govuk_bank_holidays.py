"""Load GOV.UK's England and Wales bank holidays, as cached in the govuk-bank-holidays package.

Later lists come from `manage.py update_bank_holidays` (see docs/timescales.md).
"""

import datetime
import json
from importlib.metadata import version
from pathlib import Path

from django.db import migrations


def load(apps, schema_editor):
    import govuk_bank_holidays

    BankHoliday = apps.get_model("hearth_calendar", "BankHoliday")
    data = json.loads((Path(govuk_bank_holidays.__file__).parent / "bank-holidays.json").read_text())
    source = ("GOV.UK bank-holidays.json, England and Wales division, as cached in "
              f"govuk-bank-holidays {version('govuk-bank-holidays')}")
    BankHoliday.objects.bulk_create(
        BankHoliday(date=datetime.date.fromisoformat(event["date"]), title=event["title"], source=source)
        for event in data["england-and-wales"]["events"]
    )


class Migration(migrations.Migration):
    dependencies = [("hearth_calendar", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
