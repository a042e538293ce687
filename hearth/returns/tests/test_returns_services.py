"""Return runs: asking for one (who may, which years, one at a time), running it through the exporter
and the validator (here the small stand-ins in doubles.py), storing what was found, and failing."""

import datetime
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from hearth.audit.models import AuditEvent
from hearth.returns import runner, services
from hearth.returns.models import ReturnFailure, ReturnRun, RunStage, RunStatus
from hearth.returns.selectors import latest_completed_run
from hearth.returns.tasks import run_return_task
from hearth.returns.tests import doubles
from hearth.testing.journeys import new_child

pytestmark = pytest.mark.django_db

DOUBLES = {
    "HEARTH_RETURNS_903_EXPORT": "hearth.returns.tests.doubles.export",
    "HEARTH_RETURNS_903_VALIDATE": "hearth.returns.tests.doubles.validate",
}


def test_collection_years_run_from_april_to_march():
    assert services.collection_year_of(datetime.date(2026, 3, 31)) == 2026
    assert services.collection_year_of(datetime.date(2026, 4, 1)) == 2027
    assert services.offered_collection_years(datetime.date(2026, 4, 1)) == [2027, 2026, 2025, 2024, 2023]


def test_a_performance_officer_asks_for_a_run(staff):
    run = services.return_run_request(actor=staff.performance_officer, collection_year=2025)
    assert (run.status, run.collection_year, run.requested_by) == (RunStatus.QUEUED, 2025, staff.performance_officer)
    event = AuditEvent.objects.get(action="returns.run_requested")
    assert event.object_id == str(run.pk)
    assert event.detail == {"return": "903", "collection_year": 2025, "scheduled": False}


def test_a_social_worker_may_not_run_a_return_and_nothing_is_written(staff):
    with pytest.raises(ValidationError, match="Only a performance and quality officer"):
        services.return_run_request(actor=staff.social_worker.user, collection_year=2025)
    assert not ReturnRun.objects.exists()


def test_a_year_hearth_does_not_offer_is_refused(staff):
    with pytest.raises(ValidationError) as refused:
        services.return_run_request(actor=staff.performance_officer, collection_year=2019)
    assert "Choose a collection year from 2022-23" in str(refused.value.message_dict["collection_year"])
    assert not ReturnRun.objects.exists()


def test_one_run_of_a_year_at_a_time(staff):
    first = services.return_run_request(actor=staff.performance_officer, collection_year=2025)
    with pytest.raises(ValidationError, match="The 2024-25 return is already being run"):
        services.return_run_request(actor=None, collection_year=2025)
    # Another year is not held up.
    services.return_run_request(actor=None, collection_year=2026)
    assert ReturnRun.objects.filter(collection_year=2025).get() == first


def test_a_run_that_lost_its_worker_is_marked_failed_when_another_is_asked_for(staff):
    stuck = services.return_run_request(actor=staff.performance_officer, collection_year=2025)
    services.return_run_start(stuck.pk)
    ReturnRun.objects.filter(pk=stuck.pk).update(started_at=timezone.now() - datetime.timedelta(hours=3))
    again = services.return_run_request(actor=staff.performance_officer, collection_year=2025)
    stuck.refresh_from_db()
    assert stuck.status == RunStatus.FAILED
    assert "stopped without finishing" in stuck.error
    assert again.status == RunStatus.QUEUED


def test_a_run_exports_validates_and_stores_what_was_found(staff):
    # Collection year 2025 ends on 31 March 2025: the stand-in validator fails rule 102 for a child
    # born after it (Robin, 1 June 2025) and passes one born before (Alex, 1 June 2015).
    alex = new_child(staff, "Alex", "Older", born=datetime.date(2015, 6, 1))
    robin = new_child(staff, "Robin", "Younger", born=datetime.date(2025, 6, 1))
    run = services.return_run_request(actor=staff.performance_officer, collection_year=2025)
    seen = []

    def export(collection_year, progress=None):
        def watch(done, total):
            progress(done, total)
            seen.append((ReturnRun.objects.get(pk=run.pk).stage, ReturnRun.objects.get(pk=run.pk).progress_done))

        return doubles.export(collection_year, progress=watch)

    runner.run_903(run.pk, export=export, validate=doubles.validate)

    run.refresh_from_db()
    assert run.status == RunStatus.DONE
    assert (run.failure_count, run.children_failing, run.not_checked_count, run.rules_run) == (1, 1, 1, 3)
    # This year's export reports child by child, then the year before's (the validator compares them).
    assert seen == [
        (RunStage.EXPORTING, 1),
        (RunStage.EXPORTING, 2),
        (RunStage.EXPORTING_PREVIOUS, 1),
        (RunStage.EXPORTING_PREVIOUS, 2),
    ]
    failure = run.failures.get()
    assert (failure.rule_code, failure.child, failure.child_reference, failure.file, failure.row, failure.columns) == (
        "102",
        robin,
        robin.hearth_id,
        "Header",
        1,
        ["DOB"],
    )
    assert not ReturnFailure.objects.filter(child=alex).exists()
    not_checked = run.rules_not_checked.get()
    assert (not_checked.rule_code, not_checked.reason) == ("231", doubles.RULE_231_REASON)
    with zipfile.ZipFile(io.BytesIO(bytes(run.files_zip))) as archive:
        assert archive.namelist() == ["Header.csv"]
        assert archive.read("Header.csv").decode().splitlines() == [
            "CHILD,DOB",
            f"{alex.hearth_id},01/06/2015",
            f"{robin.hearth_id},01/06/2025",
        ]
    assert AuditEvent.objects.get(action="returns.run_done").detail == {
        "collection_year": 2025,
        "failures": 1,
        "children": 1,
        "not_checked": 1,
    }


def test_a_child_id_the_record_does_not_know_is_kept_without_a_child(staff):
    run = services.return_run_request(actor=staff.performance_officer, collection_year=2025)
    services.return_run_start(run.pk)
    result = doubles.Result(
        failures=[doubles.Failure("102", "Date of birth is after the end of the year", "H9999999", "Header", 0, [])],
        could_not_check=[],
        rules_run=1,
    )
    services.return_run_results_store(run.pk, files={"Header.csv": b"CHILD\nH9999999\n"}, result=result)
    failure = ReturnFailure.objects.get()
    assert (failure.child, failure.child_reference) == (None, "H9999999")


def test_a_run_that_fails_says_why_and_the_last_results_stand(staff):
    new_child(staff, "Robin", "Younger", born=datetime.date(2025, 6, 1))
    good = services.return_run_request(actor=staff.performance_officer, collection_year=2025)
    runner.run_903(good.pk, export=doubles.export, validate=doubles.validate)
    bad = services.return_run_request(actor=staff.performance_officer, collection_year=2025)
    runner.run_903(bad.pk, export=doubles.export_that_fails, validate=doubles.validate)
    bad.refresh_from_db()
    assert bad.status == RunStatus.FAILED
    assert bad.error == "RuntimeError: the exporter could not read the record"
    assert latest_completed_run(2025) == good
    assert AuditEvent.objects.filter(action="returns.run_failed", object_id=str(bad.pk)).exists()
    with pytest.raises(ValidationError, match="has already finished"):
        services.return_run_progress_record(bad.pk, stage=RunStage.EXPORTING, done=1, total=2)


def test_the_task_runs_the_run_asked_for(staff, settings, django_capture_on_commit_callbacks):
    # The test run's task backend is django-tasks' immediate one: asking for a run runs it once the
    # request's transaction commits, as the database worker would.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.HEARTH_RETURNS_903_EXPORT = DOUBLES["HEARTH_RETURNS_903_EXPORT"]
    settings.HEARTH_RETURNS_903_VALIDATE = DOUBLES["HEARTH_RETURNS_903_VALIDATE"]
    new_child(staff, "Robin", "Younger", born=datetime.date(2025, 6, 1))
    with django_capture_on_commit_callbacks(execute=True):
        run = services.return_run_request(actor=staff.performance_officer, collection_year=2025)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE
    assert run.failure_count == 1


def test_the_task_alone_runs_a_queued_run(staff, settings):
    settings.HEARTH_RETURNS_903_EXPORT = DOUBLES["HEARTH_RETURNS_903_EXPORT"]
    settings.HEARTH_RETURNS_903_VALIDATE = DOUBLES["HEARTH_RETURNS_903_VALIDATE"]
    # No children: the stand-in validator fails rule 101 on the return as a whole, for no child.
    run = services.return_run_request(actor=None, collection_year=2025)
    run_return_task.call(run.pk)
    run.refresh_from_db()
    assert (run.status, run.failure_count, run.children_failing, run.requested_by) == (RunStatus.DONE, 1, 0, None)
    assert run.failures.get().child is None
