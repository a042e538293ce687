"""The nightly schedule's command: it asks for a run of the current year as nobody (the schedule),
and a run still under way is the night's run, not an error."""

import io

import pytest
from django.core.management import CommandError, call_command

from hearth.returns import services
from hearth.returns.models import ReturnRun, RunStatus

pytestmark = pytest.mark.django_db


def run_command(*args) -> str:
    out = io.StringIO()
    call_command("enqueue_nightly_903", *args, stdout=out)
    return out.getvalue()


def test_the_nightly_command_asks_for_the_current_year():
    output = run_command()
    run = ReturnRun.objects.get()
    current = services.current_collection_year()
    assert (run.collection_year, run.requested_by, run.status) == (current, None, RunStatus.QUEUED)
    assert output == f"{run.year_label}: run {run.pk} asked for\n"


def test_a_run_under_way_is_the_nights_run():
    run_command("--year", "2025")
    output = run_command("--year", "2025", "--year", "2024")
    assert "2024-25: The 2024-25 return is already being run" in output
    assert "2023-24: run" in output
    assert sorted(ReturnRun.objects.values_list("collection_year", flat=True)) == [2024, 2025]


def test_a_year_hearth_does_not_offer_fails_the_command():
    with pytest.raises(CommandError, match="Choose a collection year"):
        run_command("--year", "2001")
    assert not ReturnRun.objects.exists()
