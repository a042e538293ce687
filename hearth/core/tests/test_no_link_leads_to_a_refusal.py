"""Nothing is shown to a role that it may not open: every link a person is shown, on every page they
can reach from their home page, opens for them (never "You do not have access to this page").

Each role's pages are walked from the home page and the example children's pages, following every
link within Hearth, on the same example council as the access grid's test.
"""

import re
from collections import deque
from urllib.parse import urldefrag, urlsplit

import pytest
from django.urls import Resolver404, resolve, reverse

from hearth.core.access_rules import PERSONAS
from hearth.core.tests.test_access_rules import example, persona_user  # noqa: F401 (the fixture)

LINK = re.compile(r"""<a\s[^>]*href="([^"]+)\"""")
# Files rather than pages (their permission is the page's that links them, checked by the access
# grid's test): made, not opened, so left out of the walk to keep it quick.
FILE_SUFFIXES = (".pdf", ".xlsx", ".json", ".csv", ".zip", ".docx")
NOT_PAGES = ("/accounts/logout", "/admin/", "/static/", "/media/")
MOST_PAGES_A_ROLE_OPENS = 150


def links_on(html: str) -> list[str]:
    found = []
    for href in LINK.findall(html):
        url, _ = urldefrag(href.replace("&amp;", "&"))
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not parts.path.startswith("/"):
            continue
        if parts.path.endswith(FILE_SUFFIXES) or parts.path.startswith(NOT_PAGES):
            continue
        found.append(url)
    return found


def is_a_file(url: str) -> bool:
    try:
        name = resolve(urlsplit(url).path).url_name or ""
    except Resolver404:
        return False
    return any(word in name for word in ("pdf", "xlsx", "export", "download", "files"))


def refusals_met_walking(client, start_urls) -> list[tuple[str, str]]:
    """(page, link) for every link on a page the person opened that refuses them."""
    seen, queue, refused = set(start_urls), deque(start_urls), []
    while queue and len(seen) <= MOST_PAGES_A_ROLE_OPENS:
        page = queue.popleft()
        response = client.get(page)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        for link in links_on(response.content.decode()):
            if link in seen or is_a_file(link):
                continue
            seen.add(link)
            answer = client.get(link)
            if answer.status_code == 403:
                refused.append((page, link))
            elif answer.status_code == 200:
                queue.append(link)
    return refused


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_link_a_role_is_shown_opens_for_it(staff, example, client, persona):  # noqa: F811
    client.force_login(persona_user(staff, persona))
    children = [example["child"], example["care_duties_period"].child, example["period_of_care"].child]
    start = ["/"] + [reverse("people:child_detail", args=[child.pk]) for child in children]
    refused = refusals_met_walking(client, start)
    assert refused == [], f"{persona} is shown links that refuse them (page, link): {refused}"
