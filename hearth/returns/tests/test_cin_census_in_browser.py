"""A performance officer opens the children in need census's Returns page from the performance pages,
runs the 2025-26 census and reads its results; a census run under way shows its progress bar; the
worker who holds a failing child finds the census's failure on their worklist, labelled by return,
and follows it to the child's record. axe checks every page.

The run is the real one: the census exported from the record and checked by the DfE's validator
(csc-validator-be-cin). Ada Fern, of school age and on a CIN plan held by Nina, has no ethnicity
recorded: rule 4220. The test run's task backend runs the task when the request's transaction commits."""

import datetime

import pytest
from playwright.sync_api import expect

from hearth.returns import services
from hearth.returns.models import ReturnName, ReturnRun, RunStage, RunStatus
from hearth.testing.browser import assert_accessible, sign_in
from hearth.testing.cin_journeys import child_on_cin_plan
from hearth.testing.journeys import new_child

pytestmark = [
    pytest.mark.browser,
    pytest.mark.second_factor,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
ETHNICITY_4220 = "Ethnicity is missing or invalid (see Ethnicity table)"
# The real validator runs inside the request that asks for the run: allow it time on a loaded machine.
VALIDATOR_TIMEOUT_MS = 120_000


def test_a_performance_officer_runs_the_census_and_the_worker_puts_it_right(
    staff, authenticators, browser, live_server, settings
):
    ada = new_child(staff, "Ada", "Fern", born=datetime.date(2014, 4, 4))
    child_on_cin_plan(staff, ada, datetime.date(2025, 6, 2))

    page = sign_in(browser, live_server, "pat", authenticators)
    page.goto(f"{live_server.url}/performance/")
    page.get_by_role("link", name="Children in need census: export and check with the DfE's validator").click()
    expect(page.get_by_role("heading", name="Children in need census", exact=True)).to_be_visible()
    assert_accessible(page)

    # By value: the option's label carries "(the last complete year)" or not, as today falls.
    page.get_by_label("Collection year").select_option(value="2026")
    page.get_by_role("button", name="Show this year").click()
    expect(page.get_by_text("The 2025-26 census has not been run yet.")).to_be_visible()
    page.get_by_role("button", name="Run the 2025-26 census now").click()
    expect(page.get_by_role("heading", name="2025-26: the latest results")).to_be_visible(timeout=VALIDATOR_TIMEOUT_MS)
    run = ReturnRun.objects.get()
    assert (run.return_name, run.status) == (ReturnName.CIN, RunStatus.DONE), run.error
    rules = page.get_by_role("table", name="Failing rules")
    expect(rules.get_by_role("row").filter(has_text=ETHNICITY_4220)).to_contain_text("4220")
    expect(rules.get_by_role("row").filter(has_text="8770Q")).to_contain_text("Query")
    expect(page.get_by_text("The validator checked every rule.")).to_be_visible()
    child_row = page.get_by_role("row").filter(has=page.get_by_role("link", name="Ada Fern"))
    expect(child_row).to_contain_text("Nina Tester")
    expect(child_row).to_contain_text(f"Rule 4220: {ETHNICITY_4220}")
    expect(page.get_by_role("row").filter(has_text="The census as a whole")).to_contain_text("2886Q")
    with page.expect_download() as downloading:
        page.get_by_role("link", name="Download the census file (XML)").click()
    assert downloading.value.suggested_filename.startswith(f"cin-census-2025-26-run-{run.pk}-")
    assert_accessible(page)

    # A census run under way (asked for while no worker takes it): the progress bar, labelled with its stage.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    under_way = services.return_run_request(actor=None, collection_year=2025, return_name=ReturnName.CIN)
    services.return_run_start(under_way.pk)
    services.return_run_progress_record(under_way.pk, stage=RunStage.EXPORTING, done=1, total=2)
    page.goto(f"{live_server.url}/returns/cin/?year=2025")
    expect(page.get_by_role("progressbar", name="Exporting this year's files from the record")).to_have_attribute(
        "value", "25"
    )
    assert_accessible(page)
    page.close()

    page = sign_in(browser, live_server, "nina", authenticators)
    page.goto(f"{live_server.url}/worklist/")
    put_right = page.get_by_role("table", name="To put right in my children's records")
    expect(put_right).to_contain_text(f"CIN census 2025-26: rule 4220 — {ETHNICITY_4220}")
    assert_accessible(page)
    put_right.get_by_role("link", name="Ada Fern").first.click()
    expect(page.get_by_role("heading", name="Ada Fern")).to_be_visible()
    expect(page.get_by_role("table", name="To put right for the children in need census")).to_contain_text("4220")
    assert_accessible(page)
    page.close()
