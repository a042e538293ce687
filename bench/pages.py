"""The pages a worker opens all day, on a built council: each page's queries and server time.

Build a council with the generator, then run this against it (PostgreSQL, or SQLite with
HEARTH_SQLITE_PATH and no DATABASE_URL):
    createdb hearth_bench && export DATABASE_URL=postgres://postgres@127.0.0.1:5432/hearth_bench
    export HEARTH_SECRET_KEY=...  # any 50 characters
    .venv/bin/python manage.py migrate && .venv/bin/python manage.py simulate [--months 15] [--contacts-per-month 145]
    .venv/bin/python bench/pages.py [--runs 7]

Each page is requested in this process through Django's test client (no network, no web server),
signed in as the person who would open it: the social worker holding the most open cases (their
worklist), their team's manager (the team page, the notes awaiting sign-off), the head of service
(the up-to-date plans page, the child's page and the period of care of the children with the most
recorded visits: the fullest pages), and the performance officer (the performance page: the
scorecard as of today, against the same day last year and the last month-end, which the demo has
published). Prints, per page, the queries one request makes, the median
and worst server time of the runs (wall clock, after one request to warm up: it includes the
database's time, and on a shared machine everyone else's), and the median CPU time of this process
(Hearth's own Python work, steady on a busy machine); "in db" is the wall-clock time the one counted
request spent waiting for its queries. "py peak" is the most Python allocated at once during one
more request (tracemalloc, not timed), "RSS" the process's resident high-water mark after the page
(it only rises: the last line bounds every request's peak; bench/request_memory.py says why both).
"""

import argparse
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
from django.db.models import Count, Q  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from bench.request_memory import process_peak, traced_peak  # noqa: E402
from hearth.care.models import PeriodOfCare  # noqa: E402
from hearth.cin.models import CinPlan  # noqa: E402
from hearth.frontdoor.models import Contact, Referral  # noqa: E402
from hearth.protection.models import ProtectionPlan  # noqa: E402
from hearth.visits.models import Visit  # noqa: E402
from hearth.workforce.models import Worker  # noqa: E402


def fullest_child(plans) -> int:
    """Of the children on these open plans, the one with the most recorded visits."""
    child_ids = plans.values("child_id")
    row = (
        Visit.objects.filter(child_id__in=child_ids)
        .values("child_id")
        .annotate(n=Count("id"))
        .order_by("-n", "child_id")
        .first()
    )
    return row["child_id"] if row else plans.values_list("child_id", flat=True).first()


def pages() -> list[tuple[str, object, str]]:
    worker = (
        Worker.objects.filter(holds_cases=True)
        .annotate(
            cases=Count(
                "allocations",
                filter=Q(allocations__ended_on__isnull=True, allocations__referral__closed_on__isnull=True),
            )
        )
        .select_related("user", "team__manager__user")
        .order_by("-cases", "pk")
        .first()
    )
    manager = worker.team.manager.user
    head = get_user_model().objects.get(username="sm")
    performance = get_user_model().objects.get(username="perf")
    period = (
        PeriodOfCare.objects.filter(ended_on__isnull=True).annotate(n=Count("placements")).order_by("-n", "pk").first()
    )
    looked_after = period.child_id
    in_need = fullest_child(CinPlan.objects.filter(ended_on__isnull=True))
    protected = fullest_child(ProtectionPlan.objects.filter(ended_on__isnull=True))
    child = "people:child_detail"
    return [
        (f"social worker's worklist ({worker.cases} open cases)", worker.user, reverse("worklists:mine")),
        (f"team page ({worker.team})", manager, reverse("worklists:team") + f"?team={worker.team_id}"),
        ("notes awaiting sign-off", manager, reverse("records:team_recording") + f"?team={worker.team_id}"),
        ("up-to-date plans", head, reverse("cin:up_to_date_plans")),
        ("child's page: child in need", head, reverse(child, args=[in_need])),
        ("child's page: child protection", head, reverse(child, args=[protected])),
        ("child's page: looked after", head, reverse(child, args=[looked_after])),
        ("period of care", head, reverse("care:period", args=[period.pk])),
        ("performance page (the scorecard)", performance, reverse("performance:index")),
    ]


class QueryCounter(list):
    """Collects each statement a request sends to the database (connection.execute_wrapper), and the
    wall-clock time spent waiting for them (the database's work, and on a shared machine its wait)."""

    waited = 0.0

    def __call__(self, execute, sql, params, many, context):
        self.append(sql)
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.waited += time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--only", default="", help="only the pages whose name contains this")
    options = parser.parse_args()
    open_cases = Referral.objects.filter(closed_on__isnull=True).count()
    print(f"database: {connection.vendor}; {open_cases} open cases, {Contact.objects.count()} contacts")
    print(f"{'page':<48} {'queries':>7} {'in db':>9} {'median':>10} {'worst':>9} {'CPU':>9} {'py peak':>9} {'RSS':>8}")
    for name, user, url in pages():
        if options.only not in name:
            continue
        client = Client()
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        executed = QueryCounter()
        with connection.execute_wrapper(executed):
            client.get(url)
        timings, cpu = [], []
        for _ in range(options.runs):
            started, started_cpu = time.perf_counter(), time.process_time()
            client.get(url)
            timings.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
        python_peak = traced_peak(client.get, url)
        print(
            f"{name:<48} {len(executed):>7} {executed.waited * 1000:>6.0f} ms "
            f"{statistics.median(timings) * 1000:>7.0f} ms "
            f"{max(timings) * 1000:>6.0f} ms {statistics.median(cpu) * 1000:>6.0f} ms "
            f"{python_peak:>6.1f} MB {process_peak():>5.0f} MB"
        )


if __name__ == "__main__":
    main()
