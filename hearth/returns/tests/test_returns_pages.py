"""The Returns page: who may see and run it, a run on demand and its progress, the latest results
grouped by rule and by child (with the worker who holds each child, and the filters), the rules the
validator could not check shown apart, the files; and the failures on the worker's worklist."""

import datetime
import io
import zipfile

import pytest
import time_machine
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hearth.audit.models import AuditEvent
from hearth.returns import runner, services
from hearth.returns.models import ReturnRun, RunStage, RunStatus
from hearth.returns.tests import doubles
from hearth.testing.journeys import allocated_case, at, new_child

D = datetime.date
pytestmark = pytest.mark.django_db
PAGE = reverse("returns:ssda903")


@pytest.fixture
def council(staff):
    """Three children born after 31 March 2025, so each fails the stand-in's rule 102 in 2024-25:
    Robin held by Nina (North), Sky held by Sol (South), and Kit, whose case nobody holds."""
    robin = new_child(staff, "Robin", "Ash", born=D(2025, 6, 1))
    sky = new_child(staff, "Sky", "Birch", born=D(2025, 7, 1))
    kit = new_child(staff, "Kit", "Cedar", born=D(2025, 8, 1))
    allocated_case(staff, robin, at(D(2025, 9, 1), 10))
    allocated_case(staff, sky, at(D(2025, 9, 1), 10), worker=staff.other_social_worker)
    return {"robin": robin, "sky": sky, "kit": kit}


def completed_run(staff, year=2025):
    run = services.return_run_request(actor=staff.performance_officer, collection_year=year)
    runner.run_903(run.pk, export=doubles.export, validate=doubles.validate)
    run.refresh_from_db()
    return run


@pytest.mark.parametrize("who", ["social_worker", "councillor", "team_manager", "director"])
def test_only_performance_officers_see_the_returns_page(staff, client_for, who):
    user = getattr(staff, who)
    user = getattr(user, "user", user)
    assert client_for(user).get(PAGE).status_code == 403
    assert client_for(user).post(reverse("returns:ssda903_run"), {"year": 2025}).status_code == 403
    assert not ReturnRun.objects.exists()
    assert AuditEvent.objects.filter(action="access.refused", actor=user).exists()


def test_the_performance_pages_link_to_the_return(staff, client_for):
    page = client_for(staff.performance_officer).get(reverse("performance:index")).content.decode()
    assert f'href="{PAGE}"' in page
    councillor_page = client_for(staff.councillor).get(reverse("performance:index")).content.decode()
    assert PAGE not in councillor_page


def test_the_page_offers_the_current_year_first_and_the_last_complete_year(staff, client_for):
    response = client_for(staff.performance_officer).get(PAGE)
    assert response.status_code == 200
    current = services.current_collection_year()
    years = [value for value, _ in response.context["year_form"].fields["year"].choices]
    assert years[:2] == [current, current - 1]
    assert response.context["year"] == current
    page = response.content.decode()
    assert "(this year, to date)" in page and "(the last complete year)" in page
    assert "has not been run yet" in page
    # A filter without a year is the current year, not an error.
    filtered = client_for(staff.performance_officer).get(f"{PAGE}?team={staff.north.pk}")
    assert filtered.context["year"] == current
    assert not filtered.context["year_form"].errors


def test_run_now_asks_for_a_run_and_the_page_shows_its_progress(staff, client_for):
    client = client_for(staff.performance_officer)
    response = client.post(reverse("returns:ssda903_run"), {"year": 2025})
    assert response.status_code == 302
    assert response["Location"] == f"{PAGE}?year=2025"
    run = ReturnRun.objects.get()
    assert (run.status, run.collection_year, run.requested_by) == (RunStatus.QUEUED, 2025, staff.performance_officer)

    services.return_run_start(run.pk)
    services.return_run_progress_record(run.pk, stage=RunStage.EXPORTING, done=30, total=60)
    page = client.get(f"{PAGE}?year=2025").content.decode()
    assert '<progress id="run-progress-bar" class="hearth-progress" max="100" value="17">' in page  # 35% x 30/60
    assert "Exporting this year&#x27;s files from the record" in page
    assert "17% done (30 of 60)" in page
    progress = client.get(reverse("returns:run_progress", args=[run.pk])).json()
    assert progress == {
        "status": "RUNNING",
        "finished": False,
        "stage": "Exporting this year's files from the record",
        "percent": 17,
        "done": 30,
        "total": 60,
    }

    # A second request while it runs is refused on the page, and nothing is written.
    refused = client.post(reverse("returns:ssda903_run"), {"year": 2025})
    assert refused.status_code == 200
    assert "The 2024-25 return is already being run" in refused.content.decode()
    assert ReturnRun.objects.count() == 1


def test_the_results_by_rule_and_by_child_with_who_holds_each_child(staff, council, client_for):
    run = completed_run(staff)
    response = client_for(staff.performance_officer).get(f"{PAGE}?year=2025")
    assert response.context["completed"] == run
    by_rule = response.context["by_rule"]
    assert [(g.rule_code, g.failures, g.children) for g in by_rule] == [("102", 3, 3)]
    by_child = {g.reference: g for g in response.context["by_child"]}
    robin, sky, kit = council["robin"], council["sky"], council["kit"]
    assert set(by_child) == {robin.hearth_id, sky.hearth_id, kit.hearth_id}
    assert (by_child[robin.hearth_id].holder.worker, by_child[robin.hearth_id].holder.team) == ("Nina Tester", "North")
    assert (by_child[sky.hearth_id].holder.worker, by_child[sky.hearth_id].holder.team) == ("Sol Tester", "South")
    assert by_child[kit.hearth_id].holder is None
    page = response.content.decode()
    assert f'<a class="govuk-link" href="{reverse("people:child_detail", args=[robin.pk])}">Robin Ash</a>' in page
    assert "Rule 102: Date of birth is after the end of the collection year" in page
    assert "3 failures for 3 children" not in page  # the summary says it its own way:
    assert "3 for 3 children" in page
    assert "Not allocated" in page


def test_the_failures_by_child_filter_by_worker_and_by_team(staff, council, client_for):
    completed_run(staff)
    client = client_for(staff.performance_officer)
    by_worker = client.get(f"{PAGE}?year=2025&worker={staff.other_social_worker.pk}").context["by_child"]
    assert [g.reference for g in by_worker] == [council["sky"].hearth_id]
    by_team = client.get(f"{PAGE}?year=2025&team={staff.north.pk}").context["by_child"]
    assert [g.reference for g in by_team] == [council["robin"].hearth_id]
    # The rule counts are the whole return's, whatever the filter.
    assert client.get(f"{PAGE}?year=2025&team={staff.north.pk}").context["by_rule"][0].children == 3


def test_rules_the_validator_could_not_check_are_shown_apart_never_as_a_childs_failure(staff, council, client_for):
    completed_run(staff)
    response = client_for(staff.performance_officer).get(f"{PAGE}?year=2025")
    assert [(r.rule_code, r.reason) for r in response.context["not_checked"]] == [("231", doubles.RULE_231_REASON)]
    assert all(f.rule_code != "231" for g in response.context["by_child"] for f in g.failures)
    page = response.content.decode()
    not_checked_section = page.split('id="not-checked"')[1].split('id="by-child"')[0]
    assert doubles.RULE_231_REASON in not_checked_section
    assert "231" not in page.split('id="by-child"')[1]


def test_a_failed_run_says_why_above_the_last_good_results(staff, council, client_for):
    good = completed_run(staff)
    bad = services.return_run_request(actor=staff.performance_officer, collection_year=2025)
    runner.run_903(bad.pk, export=doubles.export_that_fails, validate=doubles.validate)
    response = client_for(staff.performance_officer).get(f"{PAGE}?year=2025")
    assert response.context["completed"] == good
    page = response.content.decode()
    assert "failed: RuntimeError: the exporter could not read the record" in page
    assert "The results below are from the run before it." in page


def test_the_files_download_as_a_zip_and_the_download_is_audited(staff, council, client_for):
    run = completed_run(staff)
    response = client_for(staff.performance_officer).get(reverse("returns:run_files", args=[run.pk]))
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith(f'attachment; filename="ssda903-2024-25-run-{run.pk}-')
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert archive.namelist() == ["Header.csv"]
    assert AuditEvent.objects.filter(
        action="returns.files_downloaded", actor=staff.performance_officer, object_id=str(run.pk)
    ).exists()
    assert client_for(staff.councillor).get(reverse("returns:run_files", args=[run.pk])).status_code == 403


def test_the_worker_sees_their_own_childrens_failures_on_their_worklist(staff, council, client_for):
    completed_run(staff)
    page = client_for(staff.social_worker.user).get(reverse("worklists:mine")).content.decode()
    assert "To put right in my children's records" in page
    rule = "rule 102 — Date of birth is after the end of the collection year (Header, row 0)"
    assert f"903 return 2024-25: {rule}" in page
    assert f'href="{reverse("people:child_detail", args=[council["robin"].pk])}">Robin Ash</a>' in page
    assert "Sky Birch" not in page and "Kit Cedar" not in page


def test_the_next_run_takes_a_fixed_failure_off_the_worklist(staff, council, client_for):
    from hearth.worklists.selectors import to_put_right_for_worker

    completed_run(staff)
    assert len(to_put_right_for_worker(staff.social_worker, user=staff.social_worker.user)) == 1
    # The stand-in validator finds nothing for 2025-26 (Robin was born within it): the latest run wins.
    completed_run(staff, year=2026)
    assert to_put_right_for_worker(staff.social_worker, user=staff.social_worker.user) == []


def test_the_childs_page_lists_what_to_put_right_for_the_return(staff, council, client_for):
    completed_run(staff)
    robin, sky = council["robin"], council["sky"]
    page = client_for(staff.social_worker.user).get(reverse("people:child_detail", args=[robin.pk])).content.decode()
    assert "To put right for the 903 return" in page
    assert "Date of birth is after the end of the collection year" in page
    assert "From the 2024-25 return checked" in page
    # A child with no failures in the latest run shows no such table.
    services.return_run_request(actor=staff.performance_officer, collection_year=2026)
    run = ReturnRun.objects.get(collection_year=2026)
    runner.run_903(run.pk, export=doubles.export, validate=doubles.validate)
    page = (
        client_for(staff.other_social_worker.user).get(reverse("people:child_detail", args=[sky.pk])).content.decode()
    )
    assert "To put right for the 903 return" not in page


typed = st.one_of(st.text(max_size=20), st.integers(-10, 5000).map(str), st.just(""))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(year=typed, worker=typed, team=typed)
def test_the_page_and_run_now_answer_any_input_with_a_page(staff, client_for, year, worker, team):
    client = client_for(staff.performance_officer)
    assert client.get(PAGE, {"year": year, "worker": worker, "team": team}).status_code == 200
    assert client.post(reverse("returns:ssda903_run"), {"year": year}).status_code in (200, 302)


def test_a_run_of_a_year_not_yet_ended_is_provisional_and_says_so(staff, council, client_for):
    # On 15 March 2026 the year 2025-26 (ending 31 March 2026) has not ended: the page says a run is
    # provisional before it starts, the results say so, and the download's name carries it. A run
    # made on 1 April 2026, the year ended, is the return to send; the earlier one stays provisional.
    with time_machine.travel(datetime.datetime(2026, 3, 15, 12, 0, tzinfo=datetime.UTC)):
        page = client_for(staff.performance_officer).get(f"{PAGE}?year=2026").content.decode()
        assert "2025-26 has not ended</strong>: the collection year ends on 31 March 2026" in page
        early = completed_run(staff, year=2026)
        assert early.is_provisional
        page = client_for(staff.performance_officer).get(f"{PAGE}?year=2026").content.decode()
        assert "2025-26: the latest results (provisional)" in page
        assert "Provisional: these files were exported before 2025-26 ended on 31 March 2026" in page
        assert "Download the 1 provisional CSV files (zip)" in page
        download = client_for(staff.performance_officer).get(reverse("returns:run_files", args=[early.pk]))
        assert download["Content-Disposition"].startswith(
            f'attachment; filename="ssda903-2025-26-provisional-run-{early.pk}-'
        )
    with time_machine.travel(datetime.datetime(2026, 4, 1, 12, 0, tzinfo=datetime.UTC)):
        early.refresh_from_db()
        assert early.is_provisional  # exported before the year ended, whenever it is read
        late = completed_run(staff, year=2026)
        assert not late.is_provisional
        page = client_for(staff.performance_officer).get(f"{PAGE}?year=2026").content.decode()
        assert "has not ended" not in page and "provisional" not in page.lower()
        download = client_for(staff.performance_officer).get(reverse("returns:run_files", args=[late.pk]))
        assert download["Content-Disposition"].startswith(f'attachment; filename="ssda903-2025-26-run-{late.pk}-')
