"""The children in need census through the returns' one mechanism (hearth/returns/kinds.py): a run
asked for, exported from the record and checked by the DfE's own validator (csc-validator-be-cin,
no stand-in), its failures stored against the children; its Returns page with failures by rule and
by child, the rules it could not check, the XML to download; its failures on the worker's worklist
and the child's page beside the 903's, labelled by return; the nightly command asks for both.

Two children, hand-built, both in need in 2025-26 (the census ending 31 March 2026), neither with
their sex recorded (Hearth's U):
- Ada Fern (born 4 April 2014, so of school age), assessed and on a CIN plan from Mon 2 June 2025,
  her case held by Nina (North); nothing else recorded: no UPN nor reason it is unknown, no
  ethnicity. The validator's 2025-26 rules, worked by hand: 8770Q (a query: a child of school age
  with neither UPN nor UPNunknown; ChildIdentifiers row 0, columns UPN and UPNunknown) and 4220
  (Ethnicity missing; ChildCharacteristics row 0).
- Ben Fern (born 5 May 2016), on a CIN plan from Tue 1 July 2025, his case held by Sol (South),
  with ethnicity WBRI, no disability and UPN unknown (UN2) recorded: nothing of his own fails.
- The census as a whole: 2886Q (more than 2% of children with no sex recorded: both) and 2887Q
  (fewer than 8 disability codes used), queries with no child."""

import datetime
import io
import xml.etree.ElementTree as ET
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as examples
from hypothesis import strategies as st

from hearth.audit.models import AuditEvent
from hearth.people.characteristics_services import disabilities_record, ethnicity_record, upn_unknown_record
from hearth.returns import runner, services
from hearth.returns.cin_census.export import export_cin_census_files
from hearth.returns.models import ReturnFailure, ReturnName, ReturnRun, RunStage, RunStatus
from hearth.returns.validator_process import Failure, NotChecked, ValidationResult
from hearth.testing.cin_journeys import child_on_cin_plan
from hearth.testing.journeys import new_child
from hearth.worklists.selectors import to_put_right_for_worker

D = datetime.date
pytestmark = pytest.mark.django_db
PAGE = reverse("returns:cin_census")
ETHNICITY_4220 = "Ethnicity is missing or invalid (see Ethnicity table)"


@pytest.fixture
def council(staff):
    ada = new_child(staff, "Ada", "Fern", born=D(2014, 4, 4))
    child_on_cin_plan(staff, ada, D(2025, 6, 2))
    ben = new_child(staff, "Ben", "Fern", born=D(2016, 5, 5))
    child_on_cin_plan(staff, ben, D(2025, 7, 1), worker=staff.other_social_worker)
    recorder = staff.other_social_worker.user
    ethnicity_record(actor=recorder, child_id=ben.pk, ethnicity="WBRI", applies_from=D(2016, 5, 5))
    disabilities_record(actor=recorder, child_id=ben.pk, disabilities=["NONE"], applies_from=D(2016, 5, 5))
    upn_unknown_record(actor=recorder, child_id=ben.pk, reason="UN2", applies_from=D(2016, 5, 5))
    return {"ada": ada, "ben": ben}


def census_run(staff, *, export=None) -> ReturnRun:
    """The 2025-26 census, asked for by the performance officer and run with the real exporter and the
    DfE's validator."""
    run = services.return_run_request(actor=staff.performance_officer, collection_year=2026, return_name=ReturnName.CIN)
    runner.run_return(run.pk, export=export)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE, run.error
    return run


def test_a_census_run_exports_validates_and_stores_what_the_validator_found(staff, council):
    ada = council["ada"]
    seen = []

    def export(collection_year, progress=None):
        def watch(done, total):
            progress(done, total)
            run = ReturnRun.objects.get(return_name=ReturnName.CIN)
            seen.append((run.stage, run.progress_done, run.progress_total, run.percent))

        return export_cin_census_files(collection_year, progress=watch)

    run = census_run(staff, export=export)

    # One export, child by child (the census is checked alone: no year before), half the bar.
    assert seen == [(RunStage.EXPORTING, 0, 2, 0), (RunStage.EXPORTING, 2, 2, 50)]
    stored = {(f.rule_code, f.child, f.child_reference, f.file, f.row, tuple(f.columns)) for f in run.failures.all()}
    assert stored == {
        ("8770Q", ada, ada.hearth_id, "ChildIdentifiers", 0, ("UPN", "UPNunknown")),
        ("4220", ada, ada.hearth_id, "ChildCharacteristics", 0, ("Ethnicity",)),
        ("2886Q", None, "", "", 0, ()),
        ("2887Q", None, "", "", 0, ()),
    }
    assert run.failures.get(rule_code="4220").message == ETHNICITY_4220
    assert (run.failure_count, run.children_failing, run.not_checked_count) == (4, 1, 0)
    assert run.rules_run > 100  # the year's whole registry, cin2025_26
    with zipfile.ZipFile(io.BytesIO(bytes(run.files_zip))) as archive:
        assert archive.namelist() == run.file_names == ["CIN_Census_2026.xml"]
        census = ET.fromstring(archive.read("CIN_Census_2026.xml"))  # noqa: S314 (Hearth's own file)
    assert [child.findtext("ChildIdentifiers/LAchildID") for child in census.iter("Child")] == [
        ada.hearth_id,
        council["ben"].hearth_id,
    ]
    assert census.findtext("Header/CollectionDetails/ReferenceDate") == "2026-03-31"


def test_the_census_and_the_903_run_apart_one_run_of_each_at_a_time(staff):
    census = services.return_run_request(actor=None, collection_year=2026, return_name=ReturnName.CIN)
    services.return_run_request(actor=None, collection_year=2026)  # the 903 of the same year is not held up
    with pytest.raises(ValidationError, match="The 2025-26 census is already being run"):
        services.return_run_request(actor=staff.performance_officer, collection_year=2026, return_name="CIN")
    with pytest.raises(ValidationError, match="Hearth makes no return called 'SEN2'"):
        services.return_run_request(actor=staff.performance_officer, collection_year=2026, return_name="SEN2")
    assert sorted(ReturnRun.objects.values_list("return_name", flat=True)) == ["903", "CIN"]
    assert AuditEvent.objects.get(action="returns.run_requested", object_id=str(census.pk)).detail == {
        "return": "CIN",
        "collection_year": 2026,
        "scheduled": True,
    }


def test_the_census_page_shows_failures_by_rule_and_by_child_and_the_xml_to_download(staff, council, client_for):
    ada = council["ada"]
    run = census_run(staff)
    client = client_for(staff.performance_officer)
    response = client.get(f"{PAGE}?year=2026")
    assert response.context["completed"] == run
    # In number order whatever letters they carry; queries marked.
    assert [(g.rule_code, g.failures, g.children, g.is_query) for g in response.context["by_rule"]] == [
        ("2886Q", 1, 0, True),
        ("2887Q", 1, 0, True),
        ("4220", 1, 1, False),
        ("8770Q", 1, 1, True),
    ]
    by_child = response.context["by_child"]
    assert [g.reference for g in by_child] == [ada.hearth_id, ""]  # Ada, then the census as a whole
    assert (by_child[0].holder.worker, by_child[0].holder.team) == ("Nina Tester", "North")
    assert [f.rule_code for f in by_child[0].failures] == ["4220", "8770Q"]
    page = response.content.decode()
    assert '<h1 class="govuk-heading-xl">Children in need census</h1>' in page
    assert "csc-validator-be-cin" in page
    assert "Run the 2025-26 census now" in page
    assert f'<a class="govuk-link" href="{reverse("people:child_detail", args=[ada.pk])}">Ada Fern</a>' in page
    assert f"Rule 4220: {ETHNICITY_4220}" in page
    assert "(ChildCharacteristics, row 0: Ethnicity)" in page
    assert "The census as a whole" in page
    assert "1 child, and the census as a whole</caption>" in page
    assert "A rule marked Query is one of the DfE's queries" in page
    assert page.count('<strong class="govuk-tag govuk-tag--yellow">Query</strong>') == 3
    assert "Download the census file (XML)" in page
    assert "The validator checked every rule." in page
    assert f'href="{reverse("returns:ssda903")}?year=2026">SSDA903 return: children looked after</a>' in page

    download = client.get(reverse("returns:run_files", args=[run.pk]))
    assert download["Content-Type"] == "application/xml"
    assert download["Content-Disposition"].startswith(f'attachment; filename="cin-census-2025-26-run-{run.pk}-')
    assert download["Content-Disposition"].endswith('.xml"')
    with zipfile.ZipFile(io.BytesIO(bytes(run.files_zip))) as archive:
        assert download.content == archive.read("CIN_Census_2026.xml")
    assert AuditEvent.objects.filter(
        action="returns.files_downloaded", actor=staff.performance_officer, object_id=str(run.pk)
    ).exists()
    # The 903's page for the year knows nothing of the census's run.
    assert client.get(f"{reverse('returns:ssda903')}?year=2026").context["completed"] is None


def test_the_censuss_failures_on_the_worklist_and_the_childs_page_beside_the_903s(staff, council, client_for):
    ada, ben = council["ada"], council["ben"]
    # A finished 903 run of 2024-25 that found one thing wrong in Ada's record, stored as its
    # validator's result is (the 903's own runs are tested with it, test_returns_services.py).
    run_903 = services.return_run_request(actor=staff.performance_officer, collection_year=2025)
    services.return_run_start(run_903.pk)
    services.return_run_results_store(
        run_903.pk,
        files={"Header.csv": b"CHILD\n"},
        result=ValidationResult(
            failures=[
                Failure(
                    "103",
                    "The ETHNIC code is either not valid or has not been entered.",
                    ada.hearth_id,
                    "Header",
                    0,
                    ("ETHNIC",),
                )
            ],
            not_checked=[],
            rules_run=["103"],
        ),
    )
    census_run(staff)

    items = to_put_right_for_worker(staff.social_worker, user=staff.social_worker.user)
    assert [item.what for item in items] == [
        "903 return 2024-25: rule 103 — The ETHNIC code is either not valid or has not been entered. (Header, row 0)",
        f"CIN census 2025-26: rule 4220 — {ETHNICITY_4220} (ChildCharacteristics, row 0)",
        "CIN census 2025-26: rule 8770Q — Please check and either amend data or provide a reason: UPN is missing or "
        "reason UPN is missing or is UN1 for a child who is of school age. (ChildIdentifiers, row 0)",
    ]
    assert {item.child_id for item in items} == {ada.pk}
    assert items[1].found_by.startswith("The DfE's CIN census validator, 2025-26 census checked ")
    # Ben's worker has nothing to put right: the census's queries on the whole return are nobody's.
    assert to_put_right_for_worker(staff.other_social_worker, user=staff.other_social_worker.user) == []

    page = client_for(staff.social_worker.user).get(reverse("people:child_detail", args=[ada.pk])).content.decode()
    assert "To put right for the 903 return" in page
    assert "To put right for the children in need census" in page
    assert page.index("To put right for the 903 return") < page.index("To put right for the children in need census")
    assert "From the 2025-26 census checked" in page
    census_section = page.split("To put right for the children in need census")[1]
    assert ETHNICITY_4220 in census_section and "ChildCharacteristics, row 0: Ethnicity" in census_section
    ben_page = client_for(staff.other_social_worker.user).get(reverse("people:child_detail", args=[ben.pk]))
    assert "To put right for the" not in ben_page.content.decode()


def test_a_census_run_in_progress_and_the_rules_it_could_not_check(staff, client_for):
    client = client_for(staff.performance_officer)
    response = client.post(reverse("returns:cin_census_run"), {"year": 2026})
    assert response["Location"] == f"{PAGE}?year=2026"
    run = ReturnRun.objects.get()
    assert (run.return_name, run.collection_year, run.status) == ("CIN", 2026, RunStatus.QUEUED)

    services.return_run_start(run.pk)
    services.return_run_progress_record(run.pk, stage=RunStage.EXPORTING, done=30, total=60)
    page = client.get(f"{PAGE}?year=2026").content.decode()
    assert '<progress id="run-progress-bar" class="hearth-progress" max="100" value="25">' in page  # 50% x 30/60
    assert "25% done (30 of 60)" in page
    assert client.get(reverse("returns:run_progress", args=[run.pk])).json()["percent"] == 25
    refused = client.post(reverse("returns:cin_census_run"), {"year": 2026})
    assert "The 2025-26 census is already being run" in refused.content.decode()

    # A rule that raised inside the tool is stored apart, with the tool's reason, never as a failure.
    reason = "The rule raised an error in the tool: 'NoneType' object has no attribute 'date'"
    services.return_run_results_store(
        run.pk,
        files={"CIN_Census_2026.xml": b"<Message/>"},
        result=ValidationResult(
            failures=[], not_checked=[NotChecked("8840", "Child protection plan ...", reason)], rules_run=["100"]
        ),
    )
    response = client.get(f"{PAGE}?year=2026")
    assert [(r.rule_code, r.reason) for r in response.context["not_checked"]] == [("8840", reason)]
    not_checked_section = response.content.decode().split('id="not-checked"')[1].split('id="by-child"')[0]
    assert reason.replace("'", "&#x27;") in not_checked_section
    assert not ReturnFailure.objects.filter(run=run).exists()


def test_the_performance_pages_link_to_the_census(staff, client_for):
    page = client_for(staff.performance_officer).get(reverse("performance:index")).content.decode()
    assert f'href="{PAGE}">Children in need census: export and check with the DfE\'s validator</a>' in page
    assert PAGE not in client_for(staff.councillor).get(reverse("performance:index")).content.decode()
    assert client_for(staff.social_worker.user).get(PAGE).status_code == 403
    assert (
        client_for(staff.social_worker.user).post(reverse("returns:cin_census_run"), {"year": 2026}).status_code == 403
    )
    assert not ReturnRun.objects.exists()


def nightly(*args) -> str:
    from django.core.management import call_command

    out = io.StringIO()
    call_command("enqueue_nightly_returns", *args, stdout=out)
    return out.getvalue()


def test_the_nightly_run_asks_for_both_returns_and_the_903s_own_command_for_the_903_alone(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    current = services.current_collection_year()
    label = ReturnRun(collection_year=current).year_label
    output = nightly()
    runs = {run.return_name: run for run in ReturnRun.objects.all()}
    assert sorted(runs) == ["903", "CIN"]
    assert all((run.collection_year, run.requested_by) == (current, None) for run in runs.values())
    assert output == (
        f"903 return {label}: run {runs['903'].pk} asked for\nCIN census {label}: run {runs['CIN'].pk} asked for\n"
    )
    # The census still under way is the night's run; the year before is asked for the census alone.
    again = nightly("--return", "CIN", "--year", str(current), "--year", str(current - 1))
    assert f"CIN census {label}: The {label} census is already being run" in again
    assert ReturnRun.objects.filter(return_name="CIN").count() == 2
    assert ReturnRun.objects.filter(return_name="903").count() == 1


typed = st.one_of(st.text(max_size=20), st.integers(-10, 5000).map(str), st.just(""))


@examples(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(year=typed, worker=typed, team=typed)
def test_the_census_page_and_run_now_answer_any_input_with_a_page(staff, client_for, year, worker, team):
    client = client_for(staff.performance_officer)
    assert client.get(PAGE, {"year": year, "worker": worker, "team": team}).status_code == 200
    assert client.post(reverse("returns:cin_census_run"), {"year": year}).status_code in (200, 302)
