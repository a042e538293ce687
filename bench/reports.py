"""The reports of a published month, on a built council: each one's queries and server time.

Build a council with the generator (its last six months are published), then run this against it
(PostgreSQL, or SQLite with HEARTH_SQLITE_PATH and no DATABASE_URL):
    createdb hearth_bench && export DATABASE_URL=postgres://postgres@127.0.0.1:5432/hearth_bench
    export HEARTH_SECRET_KEY=...  # any 50 characters
    .venv/bin/python manage.py migrate && .venv/bin/python manage.py simulate
    .venv/bin/python bench/reports.py [--runs 5]

Times, for the latest published month, signed in as the performance officer (and the councillor,
who reads the aggregate version): the published month's page and its Excel workbook, the Corporate
Parenting Panel report's page and workbook, the quarterly report's page and workbook for the latest
quarter whose three months were published, and each PDF. Each page is requested in this process
through Django's test client (no web server); prints the queries one request makes, the median and
worst wall-clock time of the runs after one to warm up (it includes the database's time, and on a
shared machine everyone else's), and the median CPU time of this process.

A PDF is made once by the background task and kept (hearth/performance/report_pdfs.py): the script
removes the kept file, times the task making it (the worker's time, not a request's: printed as
"made in the task"), then times downloading the kept file. Run against a checkout from before the
PDFs were kept (no report_pdfs module), it times the PDF URL rendering in the request, as it did then.

"py peak" is the most Python allocated at once during one more request or making of the PDF
(tracemalloc, not timed), "RSS" the process's resident high-water mark after it (it only rises: the
last line bounds every request's peak; bench/request_memory.py says why both).
"""

import argparse
import importlib.util
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hearth.settings")
os.environ.setdefault("HEARTH_ALLOWED_HOSTS", "testserver")
os.environ.setdefault("HEARTH_REQUIRE_SECOND_FACTOR", "0")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from bench.request_memory import process_peak, traced_peak  # noqa: E402
from hearth.frontdoor.models import Contact, Referral  # noqa: E402
from hearth.performance.models import Snapshot  # noqa: E402
from hearth.performance.selectors import quarter_month_ends  # noqa: E402

KEPT_PDFS = importlib.util.find_spec("hearth.performance.report_pdfs") is not None


class QueryCounter(list):
    """Collects each statement a request sends to the database (connection.execute_wrapper)."""

    def __call__(self, execute, sql, params, many, context):
        self.append(sql)
        return execute(sql, params, many, context)


def published_quarter() -> tuple[int, int] | None:
    """The latest statutory quarter whose three months are all published."""
    months = set(Snapshot.objects.values_list("as_of", flat=True))
    latest = max(months, default=None)
    if latest is None:
        return None
    year = latest.year if latest.month >= 4 else latest.year - 1
    for back in range(0, 12):
        quarter = 4 - back % 4
        quarter_year = year - back // 4
        if all(end in months for end in quarter_month_ends(quarter_year, quarter)):
            return quarter_year, quarter
    return None


def timed(client: Client, url: str, runs: int) -> tuple[int, list[float], list[float], int, float]:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code, response.get("Location"))
    executed = QueryCounter()
    with connection.execute_wrapper(executed):
        response = client.get(url)
    size = len(response.content)
    timings, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        client.get(url)
        timings.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return len(executed), timings, cpu, size, traced_peak(client.get, url)


def line(name: str, queries, timings: list[float], cpu: list[float], python_peak: float, note: str = "") -> None:
    print(
        f"{name:<58} {queries!s:>7} {statistics.median(timings) * 1000:>8.0f} ms "
        f"{max(timings) * 1000:>7.0f} ms {statistics.median(cpu) * 1000:>7.0f} ms "
        f"{python_peak:>6.1f} MB {process_peak():>5.0f} MB  {note}"
    )


def made_in_the_task(snapshot: Snapshot, kind: str, runs: int) -> tuple[list[float], list[float], int, float]:
    """The background task making the kept PDF from nothing, `runs` times (the kept file removed
    before each): the worker's wall-clock and CPU time, and once more traced for its Python peak."""
    from hearth.performance.models import ReportFile
    from hearth.performance.report_pdfs import make_report_pdf
    from hearth.performance.services import report_pdf_request

    perf = get_user_model().objects.get(username="perf")

    def kept_from_nothing():
        ReportFile.objects.filter(snapshot=snapshot, kind=kind).delete()
        return report_pdf_request(actor=perf, snapshot=snapshot, kind=kind, enqueue=False)

    timings, cpu = [], []
    for _ in range(runs):
        kept = kept_from_nothing()
        started, started_cpu = time.perf_counter(), time.process_time()
        make_report_pdf(kept.pk)
        timings.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    kept = kept_from_nothing()
    python_peak = traced_peak(make_report_pdf, kept.pk)
    kept.refresh_from_db()
    assert kept.status == "DONE", kept.error
    return timings, cpu, kept.size, python_peak


def month_workbook(snapshot: Snapshot, perf, options) -> None:
    """The month's workbook with the children behind its figures: written in the request when it is
    short; otherwise made by the background task for its reader (timed as the PDFs are) and then
    downloaded from what was kept."""
    from django.conf import settings

    from hearth.people.selectors import children_visible_to
    from hearth.performance.selectors import rows_behind

    url = reverse("performance:published_workbook", args=[snapshot.pk])
    rows = rows_behind(snapshot, children_visible_to(perf)).count()
    in_the_request = rows <= settings.HEARTH_WORKBOOK_ROWS_MADE_AT_ONCE
    if not in_the_request:
        timings, cpu, size, python_peak = made_in_the_task(snapshot, "MONTH_XLSX", options.pdf_runs)
        line(
            f"published month: Excel made in the task ({rows} rows)",
            "",
            timings,
            cpu,
            python_peak,
            f"{size / 1024:.0f} KB",
        )
    client = Client()
    client.force_login(perf)
    queries, timings, cpu, size, python_peak = timed(client, url, options.runs)
    how = f"written in the request ({rows} rows)" if in_the_request else "downloaded (kept)"
    line(f"published month: Excel {how}", queries, timings, cpu, python_peak, f"{size / 1024:.0f} KB")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pdf-runs", type=int, default=3, help="PDFs made from nothing (each takes a while)")
    options = parser.parse_args()
    snapshot = Snapshot.objects.order_by("-month").first()
    quarter = published_quarter()
    open_cases = Referral.objects.filter(closed_on__isnull=True).count()
    print(
        f"database: {connection.vendor}; {open_cases} open cases, {Contact.objects.count()} contacts; "
        f"published month {snapshot.month:%B %Y}; quarter {quarter}; "
        f"{'kept PDFs made by the task' if KEPT_PDFS else 'PDFs rendered in the request'}"
    )
    print(f"{'report':<58} {'queries':>7} {'median':>11} {'worst':>10} {'CPU':>10} {'py peak':>9} {'RSS':>8}")
    users = get_user_model().objects.in_bulk(["perf", "councillor"], field_name="username")
    quarter_query = f"?quarter={quarter[0]}-Q{quarter[1]}" if quarter else ""
    pages = [
        ("published month: page", "perf", reverse("performance:published_month", args=[snapshot.pk])),
        (
            "published month: page (councillor)",
            "councillor",
            reverse("performance:published_month", args=[snapshot.pk]),
        ),
        (
            "published month: Excel (councillor)",
            "councillor",
            reverse("performance:published_workbook", args=[snapshot.pk]),
        ),
        (
            "Corporate Parenting Panel: page",
            "councillor",
            reverse("performance:corporate_parenting", args=[snapshot.pk]),
        ),
        (
            "Corporate Parenting Panel: Excel",
            "councillor",
            reverse("performance:corporate_parenting_workbook", args=[snapshot.pk]),
        ),
    ]
    if quarter:
        pages += [
            ("quarterly report: page", "perf", reverse("performance:quarterly") + quarter_query),
            ("quarterly report: Excel", "perf", reverse("performance:quarterly_workbook") + quarter_query),
        ]
    for name, username, url in pages:
        client = Client()
        client.force_login(users[username])
        queries, timings, cpu, size, python_peak = timed(client, url, options.runs)
        line(name, queries, timings, cpu, python_peak, f"{size / 1024:.0f} KB")

    month_workbook(snapshot, users["perf"], options)

    pdfs = [
        ("published month", "perf", reverse("performance:published_month_pdf", args=[snapshot.pk]), "MONTH", snapshot),
        (
            "Corporate Parenting Panel",
            "councillor",
            reverse("performance:corporate_parenting_pdf", args=[snapshot.pk]),
            "PANEL",
            snapshot,
        ),
    ]
    if quarter:
        last = Snapshot.objects.get(as_of=quarter_month_ends(*quarter)[-1])
        pdfs.append(("quarterly report", "perf", reverse("performance:quarterly_pdf") + quarter_query, "QUARTER", last))
    for name, username, url, kind, made_for in pdfs:
        if KEPT_PDFS:
            timings, cpu, size, python_peak = made_in_the_task(made_for, kind, options.pdf_runs)
            line(f"{name}: PDF made in the task", "", timings, cpu, python_peak, f"{size / 1024:.0f} KB")
        client = Client()  # signed in after the making: a client signed in before it was once refused (302)
        client.force_login(users[username])
        if KEPT_PDFS:
            queries, timings, cpu, size, python_peak = timed(client, url, options.runs)
            line(f"{name}: PDF downloaded (kept)", queries, timings, cpu, python_peak, f"{size / 1024:.0f} KB")
        else:
            queries, timings, cpu, size, python_peak = timed(client, url, options.pdf_runs)
            line(f"{name}: PDF rendered in the request", queries, timings, cpu, python_peak, f"{size / 1024:.0f} KB")


if __name__ == "__main__":
    main()
