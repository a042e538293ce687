"""Playwright driving Debian's chromium, with the axe-core accessibility check."""

import datetime
import os
import re
import shutil

from axe_playwright_python.sync_playwright import Axe
from django_otp.oath import TOTP
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from hearth.testing.journeys import PASSWORD

# Playwright's sync API runs an event loop in this thread; Django's ORM calls in the same test are
# made between page actions, never concurrently, so Django's async guard can be relaxed here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Without these, Chromium tries to reach Google's services from a machine with no outside network.
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SERIOUS = {"serious", "critical"}
HOME_HEADINGS = re.compile(r"^(Hearth|My working day)$")
# A page that computes every indicator can take a few seconds on a loaded two-core CI machine; an
# assertion waits up to 15 seconds for it (Playwright's default of 5 made the journey flaky).
expect.set_options(timeout=15_000)


def serious_accessibility_violations(page) -> list[str]:
    """axe-core's serious and critical violations on the page, one line each (empty when clean)."""
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in SERIOUS
    ]


def next_code(authenticators, username) -> str:
    """A fresh code from the person's app: a code works once, so a second sign-in within the same
    30 seconds uses the next period's code (the device accepts one period of drift)."""
    device, used = authenticators[username]
    authenticators[username][1] += 1
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + used * device.step
    return f"{totp.token():06d}"


def sign_in(browser, live_server, username, authenticators):
    page = browser.new_page()
    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Enter the code from your authenticator app")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Code from your authenticator app").fill(next_code(authenticators, username))
    page.get_by_role("button", name="Continue").click()
    # The home page: "My working day" for a social worker or team manager, "Hearth" for the others.
    expect(page.get_by_role("heading", level=1)).to_have_text(HOME_HEADINGS)
    return page


def assert_accessible(page):
    """Run axe on the page once it has loaded. A click on a link returns as soon as navigation
    starts, so axe can meet a page with no document yet (or one torn down mid-run); it waits for the
    new page to load and tries again rather than failing on a race in the test itself."""
    for attempt in range(3):
        page.wait_for_load_state("load")
        try:
            violations = serious_accessibility_violations(page)
            break
        except PlaywrightError:
            if attempt == 2:
                raise
            page.wait_for_timeout(250)
    assert violations == [], violations


def fill_date(page, legend, day: datetime.date):
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))
