"""A published month's report as a PDF is made once, by the background task, with its progress shown,
and kept: every later download is the kept file, until what it was made from changes (issue 22)."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from hearth.audit.models import AuditEvent
from hearth.performance import report_pdfs, services
from hearth.performance.models import ReportFile, ReportKind, ReportStatus
from hearth.testing.journeys import at, new_child, new_contact

D = datetime.date


@pytest.fixture(autouse=True)
def in_july_2025():
    with time_machine.travel(datetime.datetime(2025, 7, 2, 12, 0, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def may(staff):
    for day in (6, 7, 8):
        new_contact(staff, new_child(staff, f"Kept{day}"), at(D(2025, 5, day), 10))
    return services.snapshot_publish(actor=staff.performance_officer, month=D(2025, 5, 1))


@pytest.fixture
def layouts(monkeypatch):
    """Counts the PDFs WeasyPrint lays out (the real one still makes each)."""
    made = []
    real = report_pdfs.html_to_pdf

    def count(html, **kwargs):
        made.append(html)
        return real(html, **kwargs)

    monkeypatch.setattr(report_pdfs, "html_to_pdf", count)
    return made


def test_the_pdf_is_made_once_in_the_background_then_kept(
    staff, may, client, layouts, django_capture_on_commit_callbacks
):
    client.force_login(staff.performance_officer)
    download = reverse("performance:published_month_pdf", args=[may.pk])
    its_page = reverse("performance:report_pdf", args=[may.pk, "month"])
    report = client.get(reverse("performance:published_month", args=[may.pk])).content.decode()
    assert f'action="{its_page}"' in report and "Make the PDF" in report  # not made yet
    assert client.get(download)["Location"] == its_page
    # Asked for, not yet run (the worker has not taken it): the page shows its progress and reloads.
    client.post(its_page)
    waiting = client.get(its_page).content.decode()
    assert '<meta http-equiv="refresh" content="3">' in waiting
    assert '<progress id="pdf-progress" class="hearth-progress" max="100" value="0">' in waiting
    assert "Waiting for the background worker" in waiting
    # The worker runs it.
    kept = ReportFile.objects.get(snapshot=may, kind=ReportKind.MONTH)
    report_pdfs.make_report_pdf(kept.pk)
    done = client.get(its_page).content.decode()
    assert "http-equiv" not in done and f'href="{download}" download' in done
    first = client.get(download)
    assert first.status_code == 200 and first.content.startswith(b"%PDF")
    assert first["Content-Disposition"] == 'attachment; filename="hearth-performance-2025-05.pdf"'
    # Every later download (and a second request) is the kept file: nothing is laid out again.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(its_page)
    assert client.get(download).content == first.content and len(layouts) == 1
    assert "Download as a PDF" in client.get(reverse("performance:published_month", args=[may.pk])).content.decode()
    actions = list(AuditEvent.objects.filter(object_id=str(kept.pk)).values_list("action", flat=True))
    assert actions.count("report_pdf.requested") == 1 and actions.count("report_pdf.made") == 1


def test_councillors_get_the_aggregate_pdf_and_others_are_refused(
    staff, may, client, layouts, django_capture_on_commit_callbacks
):
    its_page = reverse("performance:report_pdf", args=[may.pk, "month"])
    client.force_login(staff.councillor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(its_page)
    assert ReportFile.objects.get(snapshot=may).kind == ReportKind.MONTH_AGGREGATE
    f02 = layouts[-1].split("F02", 1)[1].split("</tr>", 1)[0]
    assert ">c<" in f02.replace(" ", "")  # three contacts: a small number
    client.force_login(staff.social_worker.user)
    assert client.post(its_page).status_code == 403
    assert client.get(reverse("performance:published_month_pdf", args=[may.pk])).status_code == 403
    assert ReportFile.objects.count() == 1
    assert AuditEvent.objects.filter(action="access.refused", actor=staff.social_worker.user).count() == 2


def test_a_kept_pdf_is_made_again_when_what_it_was_made_from_changes(
    staff, may, client, layouts, django_capture_on_commit_callbacks
):
    """Benchmarks loaded after the PDF was made change the report: the kept file is not served."""
    client.force_login(staff.performance_officer)
    download = reverse("performance:published_month_pdf", args=[may.pk])
    its_page = reverse("performance:report_pdf", args=[may.pk, "month"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(its_page)
    assert client.get(download).status_code == 200
    services.benchmarks_load(
        actor=staff.performance_officer,
        text="indicator_id,year,geography,value,source,published_on\nF01,2024,ENGLAND,81.5,Synthetic,2025-06-01\n",
    )
    assert client.get(download)["Location"] == its_page
    assert "no longer this report" in client.get(its_page).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(its_page)
    assert client.get(download).status_code == 200 and len(layouts) == 2
    assert "81.5" in layouts[-1]


def test_a_pdf_that_cannot_be_made_says_why_and_can_be_asked_for_again(staff, may, client):
    """A quarter's PDF for a month that ends no quarter (May) cannot be made: the service refuses to
    ask for it, and a file asked for some other way fails, saying so, rather than staying "running"."""
    with pytest.raises(Exception, match="does not end a quarter"):
        services.report_pdf_request(actor=staff.performance_officer, snapshot=may, kind=ReportKind.QUARTER)
    wrong = ReportFile.objects.create(
        snapshot=may, kind=ReportKind.QUARTER, made_from="", requested_at=datetime.datetime.now(datetime.UTC)
    )
    report_pdfs.make_report_pdf(wrong.pk)
    wrong.refresh_from_db()
    assert wrong.status == ReportStatus.FAILED and "does not end a quarter" in wrong.error
    assert AuditEvent.objects.filter(action="report_pdf.failed", object_id=str(wrong.pk)).exists()
    client.force_login(staff.performance_officer)
    assert client.get(reverse("performance:report_pdf", args=[may.pk, "quarterly"])).status_code == 404
