"""A performance officer opens the Returns page from the performance pages, runs the 2024-25 return
and reads its results; a run under way shows its progress bar; the worker who holds a failing child
finds the failure on their worklist and follows it to the child's record. axe checks every page.

The run's exporter and validator are the page's small stand-ins (doubles.py); the test run's task
backend runs the task when the request's transaction commits."""

import datetime

import pytest
from playwright.sync_api import expect

from hearth.returns import services
from hearth.returns.models import ReturnRun, RunStage, RunStatus
from hearth.testing.browser import assert_accessible, sign_in
from hearth.testing.journeys import allocated_case, at, new_child

pytestmark = [
    pytest.mark.browser,
    pytest.mark.second_factor,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_performance_officer_runs_the_return_and_the_worker_puts_it_right(
    staff, authenticators, browser, live_server, settings
):
    settings.HEARTH_RETURNS_903_EXPORT = "hearth.returns.tests.doubles.export"
    settings.HEARTH_RETURNS_903_VALIDATE = "hearth.returns.tests.doubles.validate"
    robin = new_child(staff, "Robin", "Ash", born=datetime.date(2025, 6, 1))
    allocated_case(staff, robin, at(datetime.date(2025, 9, 1), 10))

    page = sign_in(browser, live_server, "pat", authenticators)
    page.goto(f"{live_server.url}/performance/")
    page.get_by_role("link", name="SSDA903 return: export and check with the DfE's validator").click()
    expect(page.get_by_role("heading", name="SSDA903 return: children looked after")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Collection year").select_option(label="2024-25: 1 April 2024 to 31 March 2025")
    page.get_by_role("button", name="Show this year").click()
    expect(page.get_by_text("The 2024-25 return has not been run yet.")).to_be_visible()
    page.get_by_role("button", name="Run the 2024-25 return now").click()
    expect(page.get_by_role("heading", name="2024-25: the latest results")).to_be_visible()
    assert ReturnRun.objects.get().status == RunStatus.DONE
    rules = page.get_by_role("table", name="Failing rules")
    expect(
        rules.get_by_role("row").filter(has_text="Date of birth is after the end of the collection year")
    ).to_contain_text("102")
    expect(page.get_by_role("table", name="Rules the validator could not check")).to_contain_text("231")
    child_row = page.get_by_role("row").filter(has=page.get_by_role("link", name="Robin Ash"))
    expect(child_row).to_contain_text("Nina Tester")
    expect(child_row).to_contain_text("Rule 102: Date of birth is after the end of the collection year")
    expect(page.get_by_role("link", name="Download the 1 CSV files (zip)")).to_be_visible()
    assert_accessible(page)

    # A run under way (asked for while no worker takes it): the progress bar, labelled with its stage.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    run = services.return_run_request(actor=None, collection_year=2024)
    services.return_run_start(run.pk)
    services.return_run_progress_record(run.pk, stage=RunStage.EXPORTING, done=1, total=2)
    page.goto(f"{live_server.url}/returns/903/?year=2024")
    expect(page.get_by_role("progressbar", name="Exporting this year's files from the record")).to_have_attribute(
        "value", "17"
    )
    assert_accessible(page)
    page.close()

    page = sign_in(browser, live_server, "nina", authenticators)
    page.goto(f"{live_server.url}/worklist/")
    put_right = page.get_by_role("table", name="To put right in my children's records")
    expect(put_right).to_contain_text(
        "903 return 2024-25: rule 102 — Date of birth is after the end of the collection year"
    )
    assert_accessible(page)
    put_right.get_by_role("link", name="Robin Ash").click()
    expect(page.get_by_role("heading", name="Robin Ash")).to_be_visible()
    expect(page.get_by_role("table", name="To put right for the 903 return")).to_contain_text("102")
    assert_accessible(page)
    page.close()
