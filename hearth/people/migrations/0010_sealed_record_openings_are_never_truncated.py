"""Openings of sealed records, second guard on PostgreSQL: a trigger refuses TRUNCATE, and every
role but the tables' owner loses TRUNCATE, UPDATE and DELETE on them (hearth/core/append_only.py).
New installations get the same from 0009; this brings earlier ones up to it."""

from django.db import migrations

from hearth.core.append_only import never_truncated_on_postgresql


class Migration(migrations.Migration):
    dependencies = [("people", "0009_sealed_record_openings_are_never_changed")]
    operations = [never_truncated_on_postgresql(table="people_sealedrecordopening", rows_never_changed=True)]
