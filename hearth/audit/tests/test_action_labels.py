"""Every action Hearth records reads as words on the access log and in the subject access export."""

import re
from pathlib import Path

from hearth.audit.labels import ACTION_LABELS, action_label

HEARTH = Path(__file__).resolve().parents[2]
ACTION_WRITTEN = re.compile(r"""action=["']([a-z0-9_]+\.[a-z0-9_.]+)["']""")


def actions_written_by_the_code() -> set[str]:
    """The action codes the services pass to the audit trail, read from the source (tests left out)."""
    codes = set()
    for path in HEARTH.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        codes |= set(ACTION_WRITTEN.findall(path.read_text()))
    return codes


def test_every_action_the_code_records_has_a_label():
    codes = actions_written_by_the_code()
    assert {"case.close", "contact.record", "child.view"} <= codes  # the walk finds them
    unlabelled = sorted(codes - ACTION_LABELS.keys())
    assert not unlabelled, f"add a label to hearth/audit/labels.py for: {unlabelled}"


def test_an_action_is_shown_in_words():
    assert action_label("case.close") == "Closed the case"
    assert action_label("care.placement_change") == "Changed the placement"


def test_an_action_without_a_label_never_shows_its_code():
    assert action_label("fostering.household_approve") == "Fostering household approve"
