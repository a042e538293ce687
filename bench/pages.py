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
published). Also the pages others open all day: the social worker's and team manager's home pages, the MASH board
(the screener), the IRO's looked-after children and the conference chair's list (the IRO with the
most of each), a drill-down of three indicators (every contact of the year, every child in need's
visits, every looked-after child's reviews), the Corporate Parenting Panel's page for the latest
published month and "Find a child" by a common surname (as the head of service, who sees everyone,
and as the social worker). Prints, per page, the queries one request makes, the median
and worst server time of the runs (wall clock, after one request to warm up: it includes the
database's time, and on a shared machine everyone else's), and the median CPU time of this process
(Hearth's own Python work, steady on a busy machine); "in db" is the wall-clock time the one counted
request spent waiting for its queries; "peak" is the most memory Python held at once during one
more request (tracemalloc's peak over the request, so objects the request made and freed count while
they lived), and "RSS" the process's high-water mark after the page's runs (getrusage's maxrss: it
only rises, so a page that raises it needed that much).

The child's page, the search and the sign-in write audit rows and a session as they would for any
reader; nothing else is written.
"""

import argparse
import os
import resource
import statistics
import sys
import time
import tracemalloc
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

from hearth.care.models import PeriodOfCare  # noqa: E402
from hearth.cin.models import CinPlan  # noqa: E402
from hearth.frontdoor.models import Contact, Referral  # noqa: E402
from hearth.iro.models import IROAppointment  # noqa: E402
from hearth.people.models import Child  # noqa: E402
from hearth.performance.models import Snapshot  # noqa: E402
from hearth.protection.models import Conference, ProtectionPlan  # noqa: E402
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


def busiest(rows, user_field: str):
    """The user named most often in user_field of these rows (the IRO with the most children, the
    chair with the most conferences), or None."""
    row = rows.values(user_field).annotate(n=Count("id")).order_by("-n", user_field).first()
    return get_user_model().objects.get(pk=row[user_field]) if row else None


def common_surname() -> str:
    row = Child.objects.values("last_name").annotate(n=Count("id")).order_by("-n", "last_name").first()
    return row["last_name"]


def others_pages(worker, head) -> list[tuple[str, object, str]]:
    """The pages besides the worklists and the child's: the front door's, the IRO's, the performance
    team's and the search."""
    mash = get_user_model().objects.get(username="mash")
    performance = get_user_model().objects.get(username="perf")
    iro = busiest(IROAppointment.objects.filter(ended_on__isnull=True, period__ended_on__isnull=True), "iro")
    chair = busiest(Conference.objects.all(), "chair")
    latest = Snapshot.objects.order_by("-as_of").first()
    surname = common_surname()
    search = reverse("people:child_search") + f"?q={surname}"
    listed = [
        ("social worker's home page", worker.user, reverse("home")),
        ("team manager's home page", worker.team.manager.user, reverse("home")),
        ("MASH board", mash, reverse("frontdoor:contact_list")),
        (f"IRO's children ({iro.username})", iro, reverse("duties:children_i_review")),
        (f"chair's conferences ({chair.username})", chair, reverse("protection:chairs_work")),
    ]
    listed += [
        (f"drill-down {indicator}", performance, reverse("performance:drilldown", args=[indicator]))
        for indicator in ("F01", "V01", "L03")
    ]
    if latest is not None:
        listed.append(
            ("Corporate Parenting Panel", performance, reverse("performance:corporate_parenting", args=[latest.pk]))
        )
    listed += [
        (f"search '{surname}' (head of service)", head, search),
        (f"search '{surname}' (social worker)", worker.user, search),
    ]
    return listed


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
        *others_pages(worker, head),
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


def peak_memory(client: Client, url: str) -> float:
    """The most memory Python held at once during one request, in MB (tracemalloc: slower while it
    runs, so this request is not one of the timed ones)."""
    tracemalloc.start()
    try:
        client.get(url)
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--only", default="", help="only the pages whose name contains this")
    options = parser.parse_args()
    open_cases = Referral.objects.filter(closed_on__isnull=True).count()
    print(f"database: {connection.vendor}; {open_cases} open cases, {Contact.objects.count()} contacts")
    print(f"{'page':<48} {'queries':>7} {'in db':>9} {'median':>10} {'worst':>9} {'CPU':>9} {'peak':>9} {'RSS':>9}")
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
        peak = peak_memory(client, url)
        print(
            f"{name:<48} {len(executed):>7} {executed.waited * 1000:>6.0f} ms "
            f"{statistics.median(timings) * 1000:>7.0f} ms "
            f"{max(timings) * 1000:>6.0f} ms {statistics.median(cpu) * 1000:>6.0f} ms "
            f"{peak:>6.0f} MB {max_rss_mb():>6.0f} MB",
            flush=True,
        )


if __name__ == "__main__":
    main()
