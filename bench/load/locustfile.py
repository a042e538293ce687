"""Hearth under load: the demo council's people at work (locust; run by bench/load/run.sh).

Each simulated user signs in as one of the demo council's people (`manage.py demo_logins`; the
server runs with HEARTH_REQUIRE_SECOND_FACTOR=0, as the demo does) and works as they would, with
5 to 15 seconds between pages. Of every 10 users, 7 are social workers, 2 team managers and 1 a
performance officer:
- a social worker opens their worklist and children's pages, writes case note drafts and records
  visits (writes through the same forms and services a person uses);
- a team manager opens the team page, the team's recording and children's pages;
- a performance officer opens the scorecard and drills into its indicators.
Every answer is checked (status, and that a save went where a saved form goes), so an error page or
a refused form counts as a failure, not as a fast answer.
"""

import datetime
import os
import random
import re

from locust import HttpUser, between, task

PASSWORD = os.environ.get("HEARTH_DEMO_PASSWORD", "hearth-demo")
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CHILD_LINK = re.compile(r'href="/children/(\d+)/')
VISIT_LINK = re.compile(r'href="/visits/record/(\d+)/"')
SELECTED_VISITOR = re.compile(r'<select[^>]*name="visitor".*?<option value="(\d+)"[^>]*selected', re.S)
DRILLDOWN_LINK = re.compile(r'href="/performance/([A-Z][A-Za-z]*[0-9][A-Za-z0-9]*)/[?"]')
FIRST_ERROR = re.compile(r"govuk-error-summary__list.*?<a[^>]*>([^<]+)</a>", re.S)


def first_error(html: str) -> str:
    match = FIRST_ERROR.search(html)
    return match.group(1).strip() if match else "no error shown"


def csrf_token(html: str) -> str:
    match = CSRF.search(html)
    if match is None:
        raise ValueError("no CSRF token on the page")
    return match.group(1)


class HearthUser(HttpUser):
    abstract = True
    wait_time = between(5, 15)
    username = ""

    def on_start(self):
        page = self.client.get("/sign-in/", name="sign in (form)")
        with self.client.post(
            "/sign-in/",
            data={"csrfmiddlewaretoken": csrf_token(page.text), "username": self.username, "password": PASSWORD},
            name="sign in",
            catch_response=True,
        ) as answer:
            if "/sign-in/" in answer.url:
                answer.failure(f"{self.username} was not signed in (is the demo council built?)")
        self.children: list[str] = []

    def open(self, path: str, name: str):
        with self.client.get(path, name=name, catch_response=True) as answer:
            if answer.status_code == 200 and "/sign-in/" in answer.url:
                answer.failure("signed out")
            return answer

    def child_page(self, name: str = "child's page"):
        if not self.children:
            return None
        return self.open(f"/children/{random.choice(self.children)}/", name)


class SocialWorker(HearthUser):
    weight = 7
    username = "sw"

    def on_start(self):
        super().on_start()
        self.worklist()

    @task(4)
    def worklist(self):
        answer = self.open("/worklist/", "worklist")
        found = CHILD_LINK.findall(answer.text)
        if found:
            self.children = sorted(set(found))

    @task(5)
    def child(self):
        self.child_page()

    @task(2)
    def case_note_draft(self):
        if not self.children:
            return
        child = random.choice(self.children)
        form = self.open(f"/records/child/{child}/notes/new/", "case note (form)")
        if form.status_code != 200:
            return
        data = {
            "csrfmiddlewaretoken": csrf_token(form.text),
            "children": child,
            "text": "Load test draft: spoke to the child's mother about school attendance. " * 3,
            "action": "save",
        }
        with self.client.post(
            f"/records/child/{child}/notes/new/", data=data, name="case note (save draft)", catch_response=True
        ) as answer:
            if "/notes/new/" in answer.url:
                answer.failure(f"the draft was not saved: {first_error(answer.text)}")

    @task(1)
    def record_visit(self):
        page = self.child_page("child's page (before a visit)")
        if page is None or page.status_code != 200:
            return
        referral = VISIT_LINK.search(page.text)
        if referral is None:
            return  # no open case with a plan that has visits: a person would not record one here
        path = f"/visits/record/{referral.group(1)}/"
        form = self.open(path, "visit (form)")
        visitor = SELECTED_VISITOR.search(form.text)
        if form.status_code != 200 or visitor is None:
            return
        day = datetime.date.today()  # never before the case opened, as an earlier day could be
        data = {
            "csrfmiddlewaretoken": csrf_token(form.text),
            "visited_on_day": day.day,
            "visited_on_month": day.month,
            "visited_on_year": day.year,
            "visitor": visitor.group(1),
            "happened": "yes",
            "seen": "yes",
            "seen_alone": random.choice(["yes", "no"]),
            "child_voice": "Showed me their bedroom and said they like their new school.",
            # The visit's write-up, required since visits are written up once on the visit.
            "place": "HOME",
            "bedroom_seen": "yes",
            "others_seen": "Mother and a younger brother",
            "observations": "The home was warm and tidy; there was food in the kitchen.",
            "next_steps": "Next visit within the plan's timescale; school to be contacted about attendance.",
        }
        with self.client.post(path, data=data, name="visit (save)", catch_response=True) as answer:
            if "/visits/record/" in answer.url:
                answer.failure(f"the visit was not recorded: {first_error(answer.text)}")


class TeamManager(HearthUser):
    weight = 2
    username = "tm"

    def on_start(self):
        super().on_start()
        self.team_page()

    @task(3)
    def team_page(self):
        answer = self.open("/worklist/team/", "team page")
        found = CHILD_LINK.findall(answer.text)
        if found:
            self.children = sorted(set(found))

    @task(1)
    def team_recording(self):
        self.open("/records/team/", "team's recording")

    @task(2)
    def child(self):
        self.child_page()


class PerformanceOfficer(HearthUser):
    weight = 1
    username = "perf"

    def on_start(self):
        super().on_start()
        self.indicators: list[str] = []
        self.scorecard()

    @task(1)
    def scorecard(self):
        answer = self.open("/performance/", "scorecard")
        found = DRILLDOWN_LINK.findall(answer.text)
        if found:
            self.indicators = sorted(set(found))

    @task(2)
    def drilldown(self):
        if self.indicators:
            self.open(f"/performance/{random.choice(self.indicators)}/", "drill-down")
