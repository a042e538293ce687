"""The council's extract of its children's names and addresses (the returns carry none), hand-written
in another system's style (its own column names and order, an address line Hearth does not keep,
D/M/YYYY dates): each child matched by CHILD or UPN, named and given their home postcode through
`child_identity_update` with its audit row, marked with the file and line; imported again, nothing
changes; every refusal with its file, line, column and reason; leaving out the bad children; the
dry run; the command and the Import page."""

import datetime
import io

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import TestCase
from django.urls import reverse

from hearth.audit.models import AuditEvent
from hearth.migration import names_reading as reading
from hearth.migration import names_services as writer
from hearth.migration.chronology import chronology_entries
from hearth.migration.cin_census_upload import ERROR_NAMES_TWICE, read_paths, read_upload
from hearth.migration.import_runs import import_upload
from hearth.migration.models import ImportedFact, ImportRun, ImportRunStatus
from hearth.migration.services import ImportRefused
from hearth.migration.tests.cin_census_files import zipped
from hearth.migration.tests.helpers import NOW, a_upn, write_year
from hearth.people.models import Child, FormerName
from hearth.testing.journeys import make_staff

pytestmark = pytest.mark.django_db

UPN = a_upn(1)
HEADER = f"""
CHILD,SEX,DOB,ETHNIC,UPN
C1,1,01/02/2014,WBRI,UN2
C2,2,03/04/2012,WIRI,{UPN}
C3,1,05/06/2016,WBRI,UN2
"""
# Another system's extract: its own names for the columns, in its own order, an address line.
NAMES = f"""
Surname,Forename,LA Child ID,UPN,Date of birth,Gender,Address line 1,Postcode
Okafor,Amara,C1,,1/2/2014,M,12 Mill Lane,kv1 2ab
Brennan,Lily,,{UPN},03/04/2012,2,4 High Street,KV2 3CD
Shah,Imran,C3,,2016-06-05,1,,
"""


@pytest.fixture
def staff(django_user_model):
    django_user_model.objects.create_superuser("admin", password="admin-password-1")
    return make_staff()


@pytest.fixture
def returns(tmp_path, staff):
    """The 2024-25 Header imported: three children, named only "Not known SSDA903 C1"..."""
    folder = write_year(tmp_path, "2024-25", {"Header.csv": HEADER})
    _import([folder])
    assert Child.objects.filter(first_name="Not known").count() == 3
    return folder


def _names_file(tmp_path, text: str, name: str = "names_and_addresses.csv"):
    path = tmp_path / name
    lines = [line.strip() for line in text.strip().splitlines()]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


def _import(paths, *, leave_out_bad_children: bool = False, dry_run: bool = False):
    from django.contrib.auth import get_user_model

    staff_team, chair = _team_and_chair()
    with time_machine.travel(NOW):
        return import_upload(
            actor=get_user_model().objects.get(username="admin"),
            upload=read_paths(paths),
            team_id=staff_team,
            worker_id=None,
            chair_id=chair,
            leave_out_bad_children=leave_out_bad_children,
            dry_run=dry_run,
        )


def _team_and_chair():
    from django.contrib.auth import get_user_model

    from hearth.workforce.models import Team

    return Team.objects.get(name="North").pk, get_user_model().objects.get(username="ines").pk


def _child(legacy: str) -> Child:
    return ImportedFact.objects.filter(legacy_child_id=legacy, content_type__model="child").first().child


def _refused(paths, **options) -> list[str]:
    before = list(Child.objects.order_by("pk").values_list("first_name", "last_name", "postcode", "version"))
    with pytest.raises(ImportRefused) as refusal:
        _import(paths, **options)
    after = list(Child.objects.order_by("pk").values_list("first_name", "last_name", "postcode", "version"))
    assert after == before  # nothing half-written
    return [str(problem) for problem in refusal.value.problems]


def test_the_extract_names_each_child_matched_by_child_or_upn(tmp_path, returns):
    report = _import([_names_file(tmp_path, NAMES)])
    first, second, third = _child("C1"), _child("C2"), _child("C3")
    assert (first.first_name, first.last_name, first.postcode) == ("Amara", "Okafor", "KV1 2AB")
    assert (second.first_name, second.last_name, second.postcode) == ("Lily", "Brennan", "KV2 3CD")  # by UPN
    assert (third.first_name, third.last_name, third.postcode) == ("Imran", "Shah", "")  # no postcode given
    assert report.created == {"names": 3, "home postcodes": 2}
    assert report.already_held == {"dates of birth": 3, "sexes": 3}
    assert not report.left_out
    # Through the service a worker's correction uses: its audit row, and the placeholder kept as a
    # former name (a search by the return's CHILD still finds the child).
    assert AuditEvent.objects.filter(action="child.identity_update", child_id=first.pk).count() == 1
    assert AuditEvent.objects.filter(action="migration.names_import").count() == 1
    assert list(FormerName.objects.filter(child=first).values_list("first_name", "last_name")) == [
        ("Not known", "SSDA903 C1")
    ]
    # The chronology says where the name came from.
    entry = [e for e in chronology_entries(first) if "extract" in e.title][0]
    assert (entry.title, entry.detail) == (
        "Child's details from the council's extract: name, home postcode",
        "Imported from names_and_addresses.csv line 2",
    )


def test_importing_the_extract_again_changes_nothing(tmp_path, returns):
    names = _names_file(tmp_path, NAMES)
    _import([names])
    versions = list(Child.objects.order_by("pk").values_list("version", flat=True))
    report = _import([names])
    assert report.created == {}
    assert report.already_held == {"names": 3, "dates of birth": 3, "sexes": 3, "home postcodes": 2}
    assert list(Child.objects.order_by("pk").values_list("version", flat=True)) == versions


def test_a_dry_run_reports_and_writes_nothing(tmp_path, returns):
    audited = AuditEvent.objects.count()
    report = _import([_names_file(tmp_path, NAMES)], dry_run=True)
    assert report.created == {"names": 3, "home postcodes": 2}
    assert Child.objects.filter(first_name="Not known").count() == 3
    assert AuditEvent.objects.count() == audited


def test_the_returns_and_the_extract_in_one_import(tmp_path, staff):
    folder = write_year(tmp_path, "2024-25", {"Header.csv": HEADER})
    report = _import([folder, _names_file(tmp_path, NAMES)])
    assert report.children_created == 3
    assert report.created["names"] == 3
    assert _child("C2").first_name == "Lily"


FILE_REFUSALS = [
    ("not UTF-8", None, "names_and_addresses.csv: The file cannot be read as a CSV file in UTF-8: invalid start byte"),
    ("", None, "names_and_addresses.csv, line 1: The file is empty: its first line must name the columns"),
    (
        "CHILD,SURNAME,DOB,SEX\r\nC1,Okafor,01/02/2014,M",
        None,
        "names_and_addresses.csv, line 1, column FORENAME: The column FORENAME is missing from the file's first line "
        "(its column names)",
    ),
    (
        "FORENAME,SURNAME,DOB,SEX\r\nAmara,Okafor,01/02/2014,M",
        None,
        f"names_and_addresses.csv, line 1, column CHILD: {reading.ERROR_NO_IDENTIFIER_COLUMN}",
    ),
    (
        "CHILD,FORENAME,First name,SURNAME,DOB,SEX\r\nC1,Amara,Amara,Okafor,01/02/2014,M",
        None,
        "names_and_addresses.csv, line 1, column FORENAME: The column FORENAME is named twice in the file's first line",
    ),
    (
        "CHILD,FORENAME,SURNAME,DOB,SEX\r\nC1,Amara,Okafor,01/02/2014",
        None,
        "names_and_addresses.csv, line 2: The line has 4 values but the file has 5 columns",
    ),
]


@pytest.mark.parametrize(("text", "_", "message"), FILE_REFUSALS)
def test_a_file_that_cannot_be_read_is_refused_whole_even_leaving_out_bad_children(tmp_path, returns, text, _, message):
    path = tmp_path / "names_and_addresses.csv"
    path.write_bytes(b"\xff\xfe\x00bad" if text == "not UTF-8" else text.encode())
    assert _refused([path], leave_out_bad_children=True) == [message]


def test_two_names_files_are_refused(tmp_path, returns):
    first, second = _names_file(tmp_path, NAMES), _names_file(tmp_path, NAMES, "Children names.csv")
    assert _refused([first, second]) == [
        "Children names.csv: " + ERROR_NAMES_TWICE.format(first="names_and_addresses.csv", second="Children names.csv")
    ]


COLUMNS = "CHILD,UPN,FORENAME,SURNAME,DOB,SEX,POSTCODE"
ROW_REFUSALS = [
    (",,Amara,Okafor,01/02/2014,M,", "CHILD", reading.ERROR_NO_IDENTIFIER),
    (
        "C1,X12,Amara,Okafor,01/02/2014,M,",
        "UPN",
        "'X12' is neither a valid UPN (a letter and 12 more characters) nor UN1 to UN5",
    ),
    ("C1,,,Okafor,01/02/2014,M,", "FORENAME", "A value is needed here"),
    (f"C1,,{'A' * 101},Okafor,01/02/2014,M,", "FORENAME", "The name is longer than 100 characters"),
    ("C1,,Amara,Okafor,31/02/2014,M,", "DOB", "'31/02/2014' is not a date: write it as DD/MM/YYYY, like 07/04/2024"),
    ("C1,,Amara,Okafor,,M,", "DOB", "A value is needed here"),
    ("C1,,Amara,Okafor,01/02/2030,M,", "DOB", "The date of birth 01/02/2030 is after today"),
    (
        "C1,,Amara,Okafor,01/02/2014,Male,",
        "SEX",
        "'Male' is not a sex code: 1 or M (male), 2 or F (female), U (not known)",
    ),
    ("C1,,Amara,Okafor,01/02/2014,M,KV1", "POSTCODE", "'KV1' is not a UK postcode, like LS1 4AP"),
    # Matched against the record.
    ("C7,,Amara,Okafor,01/02/2014,M,", "CHILD", writer.ERROR_NOT_HELD.format(identifiers="CHILD C7")),
    (
        f"C1,{UPN},Amara,Okafor,01/02/2014,M,",
        "UPN",
        "CHILD C1 is {C1} in Hearth but UPN " + UPN + " is {C2}: the file names two children",
    ),
    (
        f"C2,{a_upn(2)},Lily,Brennan,03/04/2012,F,",
        "UPN",
        "The record holds this child ({C2}, matched by CHILD) with UPN " + UPN + ", not " + a_upn(2),
    ),
    (
        f"C9,{UPN},Lily,Brennan,03/04/2012,F,",
        "CHILD",
        "The child with UPN " + UPN + " ({C2}) is CHILD C2 in the returns, not C9",
    ),
    (
        "C1,,Amara,Okafor,02/02/2014,M,",
        "DOB",
        "The record holds this child ({C1}, matched by CHILD) with date of birth 01/02/2014, not 02/02/2014",
    ),
    ("C1,,Amara,Okafor,01/02/2014,F,", "SEX", "The record holds this child ({C1}, matched by CHILD) with sex M, not F"),
]


@pytest.mark.parametrize(("line", "column", "reason"), ROW_REFUSALS)
def test_each_bad_row_is_refused_with_its_line_column_and_reason(tmp_path, returns, line, column, reason):
    ids = {legacy: _child(legacy).hearth_id for legacy in ("C1", "C2")}
    path = _names_file(tmp_path, f"{COLUMNS}\n{line}")
    assert _refused([path]) == [f"names_and_addresses.csv, line 2, column {column}: {reason.format(**ids)}"]


def test_the_same_child_twice_in_the_file_is_refused(tmp_path, returns):
    path = _names_file(tmp_path, f"{COLUMNS}\nC1,,Amara,Okafor,01/02/2014,M,\nC1,,Amy,Okafor,01/02/2014,M,")
    assert _refused([path]) == [
        "names_and_addresses.csv, line 3, column CHILD: CHILD C1 is also on line 2: give each child once"
    ]


def test_a_name_or_postcode_already_held_is_never_overwritten(tmp_path, returns):
    _import([_names_file(tmp_path, NAMES)])
    first = _child("C1")
    path = _names_file(
        tmp_path, f"{COLUMNS}\nC1,,Amy,Okafor,01/02/2014,M,KV1 2AB\nC2,,Lily,Brennan,03/04/2012,F,KV9 9ZZ"
    )
    assert _refused([path]) == [
        f"names_and_addresses.csv, line 2, column SURNAME: The record holds this child ({first.hearth_id}, matched by "
        "CHILD) with the name Amara Okafor, not Amy Okafor",
        f"names_and_addresses.csv, line 3, column POSTCODE: The record holds this child ({_child('C2').hearth_id}, "
        "matched by CHILD) with home postcode KV2 3CD, not KV9 9ZZ",
    ]


def test_leaving_out_bad_children_writes_the_others_and_lists_each_left_out(tmp_path, returns):
    path = _names_file(
        tmp_path,
        f"{COLUMNS}\nC1,,Amara,Okafor,01/02/2014,M,\nC2,,Lily,Brennan,31/02/2012,F,\nC7,,Sam,Reed,01/01/2015,M,",
    )
    report = _import([path], leave_out_bad_children=True)
    assert _child("C1").first_name == "Amara"
    assert _child("C2").first_name == "Not known"
    assert {child: [str(p) for p in problems] for child, problems in report.left_out.items()} == {
        "C2": [
            "names_and_addresses.csv, line 3, column DOB: '31/02/2012' is not a date: write it as DD/MM/YYYY, like "
            "07/04/2024"
        ],
        "C7": [
            "names_and_addresses.csv, line 4, column CHILD: " + writer.ERROR_NOT_HELD.format(identifiers="CHILD C7")
        ],
    }
    assert report.created == {"names": 1}


def test_the_command_takes_the_extract_on_its_own(tmp_path, returns):
    out = io.StringIO()
    path = _names_file(tmp_path, NAMES)
    with time_machine.travel(NOW):
        call_command(
            "import_returns", str(path), "--by", "admin", "--team", "North", "--chair", "ines", "--dry-run", stdout=out
        )
    assert "Read names_and_addresses.csv: names and addresses, 3 rows" in out.getvalue()
    assert "  names: 3" in out.getvalue() and "Dry run: nothing was written." in out.getvalue()
    with pytest.raises(CommandError, match="a census XML file, or the names and addresses CSV file"):
        call_command(
            "import_returns",
            str(tmp_path / "2024-25" / "Header.csv"),
            "--by",
            "admin",
            "--team",
            "North",
            "--chair",
            "ines",
        )


def test_the_import_page_takes_the_extract_in_the_zip(client, staff, returns):
    client.force_login(Child.objects.first().created_by)  # the administrator who imported the returns
    content = zipped({"2024-25/Header.csv": HEADER.strip(), "names_and_addresses.csv": NAMES.strip()})
    data = {
        "upload": SimpleUploadedFile("returns.zip", content, content_type="application/zip"),
        "mode": "load",
        "bad_children": "refuse",
        "team": staff.north.pk,
        "worker": staff.social_worker.pk,
        "chair": staff.iro.pk,
    }
    with time_machine.travel(NOW), TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(reverse("migration:import"), data)
    assert response.status_code == 302
    run = ImportRun.objects.get()
    assert run.status == ImportRunStatus.DONE, run.report
    assert run.report["created"] == {"home postcodes": 2, "names": 3}
    assert run.report["files"] == ["Names and addresses names_and_addresses.csv"]
    assert _child("C1").first_name == "Amara"
    with time_machine.travel(NOW):
        page = client.get(reverse("migration:run", args=[run.pk]))
    assert page.status_code == 200
    assert "Names" in page.content.decode() and "Home postcodes" in page.content.decode()


def test_the_upload_reads_a_names_file_at_the_top_of_the_zip_not_as_a_year(staff):
    upload = read_upload(zipped({"names_and_addresses.csv": NAMES.strip()}), "names.zip")
    assert upload.problems == [] and len(upload.names.rows) == 3
    assert upload.names.rows[0] == reading.NameRow(
        "names_and_addresses.csv", 2, "C1", "", "Amara", "Okafor", datetime.date(2014, 2, 1), "M", "KV1 2AB"
    )
