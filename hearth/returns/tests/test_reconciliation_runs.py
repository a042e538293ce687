"""The Reconciliation page as a kept result (issue 15): worked out by a background run on a large
council (with its progress), at once on a small one, kept for its year and the record's state, shown
with when it was worked out, and worked out again on request. The council is the small hand-worked
one of test_reconciliation.py (two looked-after children placed on 2 June 2025); "large" is the same
council with HEARTH_RECONCILIATION_INLINE_CHILDREN set below its size."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from hearth.audit.models import AuditEvent
from hearth.returns import selectors, services
from hearth.returns.models import ReconciliationRun, RunStatus
from hearth.returns.reconciliation import PAIRS, lines_as_data, lines_from_data, read_returns, reconcile
from hearth.returns.runner import run_reconciliation
from hearth.testing.journeys import foster_placement, looked_after_child, new_child

D = datetime.date
pytestmark = pytest.mark.django_db
PAGE = reverse("returns:reconciliation")
RUN = reverse("returns:reconciliation_run")
LARGE = override_settings(HEARTH_RECONCILIATION_INLINE_CHILDREN=0)


@pytest.fixture
def council(staff):
    for first_name in ("Ann", "Bea"):
        child = new_child(staff, first_name, "Larchmont", born=D(2010, 6, 1))
        looked_after_child(staff, child, D(2025, 6, 2), "C2", foster_placement(postcode="SW1A 1AA"))


def test_a_large_councils_page_waits_for_the_button_and_the_run_works_it_out(
    staff, council, client_for, django_capture_on_commit_callbacks
):
    client = client_for(staff.performance_officer)
    with LARGE:
        page = client.get(PAGE, {"year": 2026}).content.decode()
        assert "have not been worked out" in page and "Work out the 2025-26 figures" in page
        assert "the figures for 31 March 2026" not in page
        assert not ReconciliationRun.objects.exists()  # opening the page works nothing out

        with django_capture_on_commit_callbacks(execute=True):  # the task runs as the worker would
            response = client.post(RUN, {"year": 2026})
        assert response.status_code == 302 and response["Location"] == f"{PAGE}?year=2026"
        run = ReconciliationRun.objects.get()
        assert (run.status, run.percent, run.requested_by) == (RunStatus.DONE, 100, staff.performance_officer)
        assert run.record_state == services.record_state()

        page = client.get(PAGE, {"year": 2026}).content.decode()
    assert "the figures for 31 March 2026" in page and "Worked out" in page
    assert f"{timezone.localtime(run.finished_at):%-d %B %Y %H:%M}" in page
    assert "Unchanged: these are the figures of the record as it stands" in page
    assert "Work out the 2025-26 figures again" in page
    assert 'id="figure-lac-31-march"' in page and 'id="figure-oc2-cohort"' in page
    requested = AuditEvent.objects.filter(action="returns.reconciliation_requested", actor=staff.performance_officer)
    assert requested.exists()
    assert AuditEvent.objects.filter(action="returns.reconciliation_done").exists()


def test_the_progress_bar_follows_a_run_and_the_page_shows_it(staff, council, client_for):
    client = client_for(staff.performance_officer)
    run = services.reconciliation_run_request(actor=staff.performance_officer, collection_year=2026, enqueue=False)
    progress = reverse("returns:reconciliation_progress", args=[run.pk])
    assert client.get(progress).json() | {"stage": ""} == {
        "status": "QUEUED",
        "finished": False,
        "stage": "",
        "percent": 0,
        "done": 0,
        "total": 0,
    }
    with LARGE:
        page = client.get(PAGE, {"year": 2026}).content.decode()
    assert 'id="run-progress"' in page and progress in page and "Work out the" not in page

    services.reconciliation_run_start(run.pk)
    services.reconciliation_run_progress_record(run.pk, stage="EXPORTING_CENSUS", done=5, total=10)
    answer = client.get(progress).json()
    # The census is the second stage: 55% in, and half its 25%.
    assert (answer["percent"], answer["done"], answer["total"], answer["finished"]) == (67, 5, 10, False)
    assert answer["stage"].startswith("Exporting the children in need census")


def test_the_run_reports_each_stage_and_keeps_every_figure(staff, council):
    run = services.reconciliation_run_request(actor=staff.performance_officer, collection_year=2026, enqueue=False)
    run_reconciliation(run.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE
    assert [line["key"] for line in run.lines] == [pair.key for pair in PAIRS]
    (kept_run, lines) = selectors.latest_reconciliation(2026)
    assert kept_run == run
    worked_now = reconcile(read_returns(2026))
    assert [(line.pair.key, line.return_count, line.catalogue_count) for line in lines] == [
        (line.pair.key, line.return_count, line.catalogue_count) for line in worked_now
    ]
    assert lines_from_data(lines_as_data(worked_now)) == worked_now
    assert lines_from_data(lines_as_data(worked_now)[1:]) is None  # kept before a figure was added: work it out again


def test_a_small_councils_page_is_worked_out_at_once_and_kept_for_the_record_as_it_stands(staff, council, client_for):
    client = client_for(staff.performance_officer)
    page = client.get(PAGE, {"year": 2026}).content.decode()
    assert "the figures for 31 March 2026" in page and "Unchanged" in page
    assert ReconciliationRun.objects.count() == 1
    client.get(PAGE, {"year": 2026})  # nothing recorded since: the kept figures, not worked out again
    assert ReconciliationRun.objects.count() == 1

    new_child(staff, "Cal", "Larchmont", born=D(2012, 1, 1))  # the record changes
    assert selectors.latest_reconciliation(2026)[0].record_state != services.record_state()
    with LARGE:  # a large council's page says so and waits for the button
        page = client.get(PAGE, {"year": 2026}).content.decode()
    assert "Something has been recorded since" in page and "Work out the 2025-26 figures again" in page
    assert ReconciliationRun.objects.count() == 1
    client.get(PAGE, {"year": 2026})  # a small council's is worked out again
    assert ReconciliationRun.objects.count() == 2


def test_one_run_of_a_year_at_a_time_and_the_refusals_change_nothing(staff, council, client_for):
    officer = staff.performance_officer
    first = services.reconciliation_run_request(actor=officer, collection_year=2026, enqueue=False)
    with pytest.raises(ValidationError, match="already being worked out"):
        services.reconciliation_run_request(actor=officer, collection_year=2026)
    response = client_for(officer).post(RUN, {"year": 2026})
    assert response.status_code == 200 and "already being worked out" in response.content.decode()
    for year in (2027, 1999):  # the year to date (no 31 March yet), and one Hearth never offers
        response = client_for(officer).post(RUN, {"year": year})
        assert response.status_code == 200 and "Choose a complete collection year" in response.content.decode()
    with pytest.raises(ValidationError, match="Only a performance and quality officer"):
        services.reconciliation_run_request(actor=staff.service_manager, collection_year=2025)
    assert client_for(staff.service_manager).post(RUN, {"year": 2026}).status_code == 403
    assert list(ReconciliationRun.objects.all()) == [first]

    # A run that lost its worker (no word for two hours) is marked failed by the next request.
    services.reconciliation_run_start(first.pk)
    ReconciliationRun.objects.filter(pk=first.pk).update(started_at=timezone.now() - datetime.timedelta(hours=3))
    second = services.reconciliation_run_request(actor=officer, collection_year=2026, enqueue=False)
    first.refresh_from_db()
    assert first.status == RunStatus.FAILED and "stopped without finishing" in first.error
    with LARGE:
        page = client_for(officer).get(PAGE, {"year": 2026}).content.decode()
    assert second.is_unfinished and 'id="run-progress"' in page
