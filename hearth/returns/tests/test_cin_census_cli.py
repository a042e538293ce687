"""manage.py export_cin_census: the XML file written, the progress shown, and the validator's
findings printed by rule (errors, then the DfE's queries)."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from hearth.testing.cin_journeys import child_on_cin_plan
from hearth.testing.journeys import new_child

pytestmark = pytest.mark.django_db
D = datetime.date


def test_export_writes_the_census_and_validates(staff, tmp_path):
    """Eli, on a CIN plan since Mon 2 June 2025, with no ethnicity recorded: error 4220 for him."""
    eli = new_child(staff, "Eli", "Gorse", born=D(2013, 5, 5))
    child_on_cin_plan(staff, eli, D(2025, 6, 2))
    out = io.StringIO()
    call_command("export_cin_census", "--year", "2026", "--out", str(tmp_path / "cin"), "--validate", stdout=out)
    written = tmp_path / "cin" / "CIN_Census_2026.xml"
    assert written.read_bytes().startswith(b"<?xml version='1.0' encoding='utf-8'?>\n<Message>")
    assert f"<LAchildID>{eli.hearth_id}</LAchildID>".encode() in written.read_bytes()
    text = out.getvalue()
    assert "1/1 children" in text and "CIN_Census_2026.xml: 1 child" in text
    assert "Error 4220 (1): Ethnicity is missing or invalid" in text
    assert f"{eli.hearth_id}  ChildCharacteristics row 1  (Ethnicity)" in text


def test_a_year_that_is_not_a_collection_year_is_refused(tmp_path):
    with pytest.raises(CommandError, match="give the year the collection ends"):
        call_command("export_cin_census", "--year", "26", "--out", str(tmp_path))
