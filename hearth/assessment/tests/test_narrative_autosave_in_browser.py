"""An assessment's narrative saves as the worker types, as a case note's draft does (one script,
hearth/static/hearth/draft-autosave.js): the status line says when; a manager on an older version
of the page is refused, sees what the worker wrote beside his own, loses nothing, and replaces it
only by saving again having seen it. The accessibility check on each state of the page."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from hearth.assessment.models import Assessment
from hearth.testing.browser import assert_accessible, sign_in
from hearth.testing.journeys import authorised_assessment, new_child

# One test a file: pytest-xdist hands out files largest first, and a file of several browser
# tests would run (and empty the database) before files of fewer database tests.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.second_factor,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

NINAS = "Routines slip when mum is unwell; the school sees the impact on Robin's attendance."
TOMASS = "Mum's health is the driver; the risk is to Robin's schooling, not his safety."


def test_the_narrative_autosaves_and_a_second_writer_is_shown_the_first_ones_words(
    staff, authenticators, browser, live_server
):
    started = timezone.localdate() - datetime.timedelta(days=10)
    assessment = authorised_assessment(staff, new_child(staff, "Robin", "Aldgate"), started, None)
    record = f"{live_server.url}/assessments/{assessment.pk}/record/"
    nina = sign_in(browser, live_server, "nina", authenticators)
    tomas = sign_in(browser, live_server, "tomas", authenticators)
    nina.goto(record)
    tomas.goto(record)  # both pages opened on the same version
    assert_accessible(nina)

    nina.get_by_label("Analysis", exact=True).fill(NINAS)
    expect(nina.get_by_role("status")).to_contain_text("Draft saved at", timeout=10000)
    assert_accessible(nina)
    stored = Assessment.objects.get(pk=assessment.pk)
    assert (stored.analysis, stored.version) == (NINAS, assessment.version + 1)

    tomas.get_by_label("Analysis", exact=True).fill(TOMASS)
    expect(tomas.get_by_role("status")).to_contain_text(
        "Autosave stopped: someone else saved this draft", timeout=10000
    )
    conflict = tomas.locator("#conflict")
    expect(conflict.get_by_role("heading", name="What the other person changed")).to_be_visible()
    expect(conflict).to_contain_text("Nina Tester changed this assessment after you opened it")
    expect(conflict).to_contain_text(NINAS)
    expect(tomas.get_by_label("Analysis", exact=True)).to_have_value(TOMASS)  # nothing of his lost
    assert_accessible(tomas)
    assert Assessment.objects.get(pk=assessment.pk).analysis == NINAS  # nor of hers

    # "Save draft" shows both versions once more, then, pressed again, his replaces hers.
    tomas.get_by_role("button", name="Save draft").click()
    expect(tomas.get_by_role("alert").get_by_text("changed this assessment after you opened it")).to_be_visible()
    expect(tomas.get_by_label("Analysis", exact=True)).to_have_value(TOMASS)
    assert_accessible(tomas)
    assert Assessment.objects.get(pk=assessment.pk).analysis == NINAS
    tomas.get_by_role("button", name="Save draft").click()
    expect(tomas.get_by_text("Draft saved at", exact=False).first).to_be_visible()
    expect(tomas.get_by_role("status")).to_contain_text("Draft saved by Tomas")
    assert_accessible(tomas)
    assert Assessment.objects.get(pk=assessment.pk).analysis == TOMASS
    nina.close()
    tomas.close()
