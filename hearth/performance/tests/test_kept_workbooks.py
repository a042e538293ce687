"""A published month's workbook with the children behind its figures: written while the reader waits
when it is short; when it is long (a large council's month has hundreds of thousands of rows) made by
the background task with its progress shown and kept for its reader, until the children that reader
may see change (issue 22: every report under 2 s from a published month, no request over 500 MB)."""

import datetime
import io

import openpyxl
import pytest
import time_machine
from django.urls import reverse

from hearth.people import services as people_services
from hearth.performance import report_pdfs, services
from hearth.performance.models import ReportFile, ReportKind, ReportStatus
from hearth.testing.journeys import authorised_assessment, new_child

D = datetime.date


@pytest.fixture(autouse=True)
def in_september_2025():
    with time_machine.travel(datetime.datetime(2025, 9, 10, 12, 0, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def august(staff):
    children = {}
    for name, authorised in (("Prompt", D(2025, 5, 30)), ("Tardy", D(2025, 7, 30))):
        children[name] = new_child(staff, name, "Keptbook")
        authorised_assessment(staff, children[name], D(2025, 5, 1), authorised)
    snapshot = services.snapshot_publish(actor=staff.performance_officer, month=D(2025, 8, 1))
    return snapshot, children


@pytest.fixture
def long_workbooks(settings):
    """Every workbook with rows counts as long, so that the small test council's takes the
    background path a large council's does."""
    settings.HEARTH_WORKBOOK_ROWS_MADE_AT_ONCE = 0


def a01_children(content: bytes) -> set[str]:
    book = openpyxl.load_workbook(io.BytesIO(content))
    return {row[3] for row in book["Behind the figures"].iter_rows(min_row=2, values_only=True) if row[0] == "A01"}


def test_a_short_workbook_is_written_while_the_reader_waits(staff, august, client_for):
    snapshot, _ = august
    response = client_for(staff.performance_officer).get(reverse("performance:published_workbook", args=[snapshot.pk]))
    assert response.status_code == 200
    assert a01_children(response.content) == {"Prompt Keptbook", "Tardy Keptbook"}
    assert not ReportFile.objects.exists()


def test_a_long_workbook_is_made_in_the_background_then_kept_for_its_reader(
    staff, august, long_workbooks, client_for, django_capture_on_commit_callbacks, monkeypatch
):
    snapshot, _ = august
    monkeypatch.setattr("hearth.performance.exports.PROGRESS_EVERY_ROWS", 1)  # progress on every row
    client = client_for(staff.performance_officer)
    download = reverse("performance:published_workbook", args=[snapshot.pk])
    its_page = reverse("performance:report_pdf", args=[snapshot.pk, "workbook"])
    assert client.get(download)["Location"] == its_page
    first_look = client.get(its_page).content.decode()
    assert "Make the workbook" in first_look and "too many rows behind its figures" in first_look
    client.post(its_page)
    waiting = client.get(its_page).content.decode()
    assert '<meta http-equiv="refresh" content="3">' in waiting and "Waiting for the background worker" in waiting
    kept = ReportFile.objects.get(snapshot=snapshot, kind=ReportKind.MONTH_WORKBOOK)
    assert kept.reader == staff.performance_officer

    percents = []
    real_record = services.report_pdf_progress_record

    def record(file_id, **kwargs):
        real_record(file_id, **kwargs)
        percents.append(ReportFile.objects.get(pk=file_id).percent)

    monkeypatch.setattr(report_pdfs.services, "report_pdf_progress_record", record)
    report_pdfs.make_report_pdf(kept.pk)
    assert percents[0] == 5 and percents[-1] == 99 and percents == sorted(percents)  # reading, then the rows

    done = client.get(its_page).content.decode()
    assert "http-equiv" not in done and f'href="{download}" download' in done
    first = client.get(download)
    assert first["Content-Disposition"] == 'attachment; filename="hearth-performance-2025-08.xlsx"'
    assert a01_children(first.content) == {"Prompt Keptbook", "Tardy Keptbook"}
    # Asked for again: the kept file, not made again.
    made_at = ReportFile.objects.get(pk=kept.pk).finished_at
    with django_capture_on_commit_callbacks(execute=True):
        client.post(its_page)
    assert ReportFile.objects.get(pk=kept.pk).finished_at == made_at
    assert client.get(download).content == first.content
    assert ReportFile.objects.filter(kind=ReportKind.MONTH_WORKBOOK).count() == 1


def test_a_kept_workbook_is_not_served_once_its_reader_may_no_longer_see_a_child_in_it(
    staff, august, long_workbooks, client_for
):
    snapshot, children = august
    client = client_for(staff.performance_officer)
    its_page = reverse("performance:report_pdf", args=[snapshot.pk, "workbook"])
    download = reverse("performance:published_workbook", args=[snapshot.pk])
    client.post(its_page)
    report_pdfs.make_report_pdf(ReportFile.objects.get(kind=ReportKind.MONTH_WORKBOOK).pk)
    assert a01_children(client.get(download).content) == {"Prompt Keptbook", "Tardy Keptbook"}

    people_services.child_restrict(
        actor=staff.service_manager,
        child_id=children["Tardy"].pk,
        reason="A relative works in the service",
        allowed_user_ids=[staff.social_worker.user.pk],
    )
    assert client.get(download)["Location"] == its_page  # the kept file lists a child they may not see now
    assert "no longer yours to download" in client.get(its_page).content.decode()
    client.post(its_page)
    report_pdfs.make_report_pdf(ReportFile.objects.get(kind=ReportKind.MONTH_WORKBOOK).pk)
    assert a01_children(client.get(download).content) == {"Prompt Keptbook"}


def test_each_reader_has_their_own_workbook(staff, august, long_workbooks, client_for):
    snapshot, _ = august
    its_page = reverse("performance:report_pdf", args=[snapshot.pk, "workbook"])
    client_for(staff.performance_officer).post(its_page)
    report_pdfs.make_report_pdf(ReportFile.objects.get(kind=ReportKind.MONTH_WORKBOOK).pk)
    director = client_for(staff.director)
    assert director.get(reverse("performance:published_workbook", args=[snapshot.pk]))["Location"] == its_page
    director.post(its_page)
    assert set(ReportFile.objects.filter(kind=ReportKind.MONTH_WORKBOOK).values_list("reader_id", "status")) == {
        (staff.performance_officer.pk, ReportStatus.DONE),
        (staff.director.pk, ReportStatus.QUEUED),
    }


def test_readers_of_figures_alone_get_the_figures_at_once_and_no_workbook_page(
    staff, august, long_workbooks, client_for
):
    snapshot, _ = august
    councillor = client_for(staff.councillor)
    response = councillor.get(reverse("performance:published_workbook", args=[snapshot.pk]))
    assert response.status_code == 200
    assert openpyxl.load_workbook(io.BytesIO(response.content)).sheetnames == ["Figures"]
    assert councillor.get(reverse("performance:report_pdf", args=[snapshot.pk, "workbook"])).status_code == 404
    assert not ReportFile.objects.exists()
