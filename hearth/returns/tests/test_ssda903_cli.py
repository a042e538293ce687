"""manage.py export_903: the CSV files written, the progress shown, and the validator's findings
printed by rule with the rules it could not check."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from hearth.returns.ssda903.files import files_for_year
from hearth.testing.journeys import foster_placement, looked_after_child, new_child

pytestmark = pytest.mark.django_db
D = datetime.date


def test_export_writes_the_files_and_validates(staff, tmp_path):
    """One child looked after from 6 Jan 2025 in foster care, whose ethnicity is not recorded: the
    validator reports rule 103 (ETHNIC) for that child on the Header's first row."""
    child = new_child(staff, "Ezra", "Lindqvist", born=D(2015, 6, 1))
    looked_after_child(staff, child, D(2025, 1, 6), placement=foster_placement(urn="SC111111", postcode="NG1 1AA"))
    out = io.StringIO()
    call_command("export_903", "--year", "2026", "--out", str(tmp_path / "return"), "--validate", stdout=out)
    written = sorted(path.name for path in (tmp_path / "return").iterdir())
    files = files_for_year(2026)
    assert written == sorted(f"{name}.csv" for name, _, _ in files) and "DoLo.csv" not in written
    header = (tmp_path / "return" / "Header.csv").read_text().splitlines()
    assert header[0] == "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB"
    assert header[1].startswith(f"{child.hearth_id},{child.sex},01/06/2015,,")
    text = out.getvalue()
    assert f"{len(files)}/{len(files)} files" in text and "Header.csv: 1 row" in text
    assert "Rule 103 (1)" in text and f"{child.hearth_id}  Header row 1  (ETHNIC)" in text
    assert "The validator could not check:" in text and "Rule 233" in text


def test_a_folder_of_last_years_files_is_used_as_given(staff, tmp_path):
    previous = tmp_path / "previous"
    previous.mkdir()
    with pytest.raises(CommandError, match="no CSV files"):
        call_command(
            "export_903",
            *("--year", "2026", "--out", str(tmp_path / "out"), "--validate"),
            *("--previous-year-dir", str(previous)),
        )
