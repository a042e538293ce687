"""The Import page: a system administrator uploads a zip of past returns (here census files in
another system's style), chooses a dry run or a load, and reads the run's report; a refusal lists
each bad element's file, line and reason; nobody else may open it."""

import datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hearth.assessment.models import Assessment
from hearth.cin.models import CinPlan
from hearth.frontdoor.models import Referral
from hearth.migration.models import ImportedFact, ImportRun, ImportRunStatus
from hearth.migration.tests.cin_census_files import CENSUS_2025, two_years, zipped
from hearth.people.models import Child
from hearth.protection.models import Conference, ConferenceKind, ProtectionPlan
from hearth.testing.journeys import make_staff

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 5, 15, 18, 0, tzinfo=datetime.UTC)


@pytest.fixture
def staff():
    return make_staff()


@pytest.fixture
def administrator(django_user_model):
    return django_user_model.objects.create_superuser("admin", password="admin-password-1")


def _post(client, staff, content: bytes, **choices):
    """Post the form; the run's task (django-tasks' immediate backend in tests) runs on commit."""
    data = {
        "upload": SimpleUploadedFile("returns.zip", content, content_type="application/zip"),
        "mode": "load",
        "bad_children": "refuse",
        "team": staff.north.pk,
        "worker": staff.social_worker.pk,
        "chair": staff.iro.pk,
    } | choices
    from django.test import TestCase

    with time_machine.travel(NOW), TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(reverse("migration:import"), data)


def test_a_load_creates_the_childrens_history_and_reports_it(client, staff, administrator):
    client.force_login(administrator)
    response = _post(client, staff, two_years())
    run = ImportRun.objects.get()
    assert response.url == reverse("migration:run", args=[run.pk])
    assert run.status == ImportRunStatus.DONE, run.report
    assert run.report["children_created"] == 2
    first = Child.objects.get(last_name="CIN census OS-1001")
    assert (first.date_of_birth, first.sex) == (datetime.date(2015, 6, 1), "M")
    case = Referral.objects.get(child=first)
    assert (case.referral_date, case.source_id, case.closed_on, case.closure_reason) == (
        datetime.date(2024, 5, 1),
        "1A",
        datetime.date(2025, 7, 1),
        "RC8",
    )
    assessment = Assessment.objects.get(child=first)
    assert assessment.authorised_on == datetime.date(2024, 6, 10)
    assert list(assessment.factors.values_list("code", flat=True)) == ["2B"]
    plan = CinPlan.objects.get(child=first)
    assert (plan.started_on, plan.ended_on) == (datetime.date(2024, 6, 12), datetime.date(2025, 7, 1))
    second = Child.objects.get(last_name="CIN census OS-1002")
    cp_plan = ProtectionPlan.objects.get(child=second)
    assert (cp_plan.started_on, cp_plan.ended_on, cp_plan.initial_category) == (
        datetime.date(2024, 9, 20),
        datetime.date(2025, 6, 5),
        "NEG",
    )
    reviews = Conference.objects.filter(plan=cp_plan, kind=ConferenceKind.REVIEW).order_by("held_on")
    assert [(r.held_on, r.category) for r in reviews] == [
        (datetime.date(2024, 12, 10), "EMO"),
        (datetime.date(2025, 6, 5), ""),
    ]
    fact = ImportedFact.objects.filter(child=first, description__startswith="Referral").get()
    assert fact.source == "2024-25 CIN census line 13"
    client.force_login(administrator)  # the session's idle clock ran in May (time_machine) and stopped
    page = client.get(reverse("migration:run", args=[run.pk])).content.decode()
    assert "What was created" in page
    assert "Referrals" in page


def test_a_dry_run_reports_and_writes_nothing(client, staff, administrator):
    client.force_login(administrator)
    _post(client, staff, two_years(), mode="dry_run")
    run = ImportRun.objects.get()
    assert run.status == ImportRunStatus.DONE
    assert run.report["created"]["referrals"] == 2
    assert not Child.objects.exists()


def test_a_bad_element_refuses_the_whole_import_with_its_file_line_and_reason(client, staff, administrator):
    client.force_login(administrator)
    bad = CENSUS_2025.replace(
        "<cin:PrimaryNeedCode>N1</cin:PrimaryNeedCode>\n        <cin:Section47>",
        "<cin:PrimaryNeedCode>N99</cin:PrimaryNeedCode>\n        <cin:Section47>",
    )
    _post(client, staff, zipped({"2024-25/CIN_Census_2025.xml": bad}))
    run = ImportRun.objects.get()
    assert run.status == ImportRunStatus.REFUSED
    assert run.report["refused"] == [
        {
            "file": "2024-25/CIN_Census_2025.xml",
            "line": 36,
            "column": "PrimaryNeedCode",
            "reason": "'N99' is not one of the DfE's codes for PrimaryNeedCode",
        }
    ]
    assert not Child.objects.exists()
    client.force_login(administrator)  # the session's idle clock ran in May (time_machine) and stopped
    response = client.get(reverse("migration:run", args=[run.pk]))
    assert response.status_code == 200, response.status_code
    page = response.content.decode()
    assert "The import was refused and nothing was written" in page
    assert "is not one of the DfE&#x27;s codes for PrimaryNeedCode" in page


def test_leaving_out_bad_children_imports_the_others_and_lists_each_left_out(client, staff, administrator):
    client.force_login(administrator)
    bad = CENSUS_2025.replace("<cin:S47ActualStartDate>2024-09-03", "<cin:S47ActualStartDate>2024-13-03")
    _post(client, staff, zipped({"2024-25/CIN_Census_2025.xml": bad}), bad_children="leave_out")
    run = ImportRun.objects.get()
    assert run.status == ImportRunStatus.DONE
    assert [child["child"] for child in run.report["left_out"]] == ["OS-1002"]
    assert run.report["left_out"][0]["problems"][0]["column"] == "S47ActualStartDate"
    assert list(Child.objects.values_list("last_name", flat=True)) == ["CIN census OS-1001"]


def test_importing_the_census_twice_matches_the_children_and_creates_nothing(client, staff, administrator):
    client.force_login(administrator)
    _post(client, staff, two_years())
    _post(client, staff, two_years())
    second = ImportRun.objects.order_by("id").last()
    assert second.report["children_created"] == 0
    assert second.report["created"] == {}
    assert Child.objects.count() == 2


def test_only_a_system_administrator_opens_the_page(client, staff):
    for user in (staff.service_manager, staff.performance_officer, staff.social_worker.user):
        client.force_login(user)
        assert client.get(reverse("migration:import")).status_code == 403


def test_the_form_names_every_missing_choice(client, staff, administrator):
    client.force_login(administrator)
    page = client.post(reverse("migration:import"), {}).content.decode()
    for message in (
        "Choose the zip of your past returns",
        "Choose a dry run or a load",
        "Choose the team that holds the imported cases",
        "Choose an independent reviewing officer",
    ):
        assert message in page
    assert not ImportRun.objects.exists()


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_the_form_answers_any_input_with_a_page(client, staff, administrator, data):
    client.force_login(administrator)
    anything = st.one_of(st.text(max_size=30), st.integers(-10, 5000).map(str), st.just(""))
    values = {name: data.draw(anything, label=name) for name in ("mode", "bad_children", "team", "worker", "chair")}
    values["upload"] = SimpleUploadedFile("x.zip", data.draw(st.binary(max_size=200), label="upload"))
    with time_machine.travel(NOW):
        response = client.post(reverse("migration:import"), values)
    assert response.status_code in (200, 302)


def test_a_year_not_yet_ended_is_refused_naming_when_it_ends(client, staff, administrator):
    # On 15 May 2026, a zip holding 2025-26 (ended) and 2026-27 (not ended): refused whole, even
    # leaving out bad children, and nothing is written.
    client.force_login(administrator)
    from hearth.migration.tests.cin_census_files import CENSUS_2026

    later = CENSUS_2026.replace("<Year>2026</Year>", "<Year>2027</Year>")
    content = zipped({"2025-26/CIN_Census_2026.xml": CENSUS_2026, "2026-27/CIN_Census_2027.xml": later})
    _post(client, staff, content, bad_children="leave_out")
    run = ImportRun.objects.get()
    assert run.status == ImportRunStatus.REFUSED
    assert run.report["refused"] == [
        {
            "file": "2026-27/CIN_Census_2027.xml",
            "line": 2,
            "column": "Year",
            "reason": "The collection year 2026-27 has not ended: it ends on 31 March 2027. A return for a year not "
            "ended is only a provisional check of the record to date, not a year's history to import: import the "
            "years that have ended (the latest is 2025-26), and 2026-27 once it ends",
        }
    ]
    assert not Child.objects.exists()
