"""What a reader sees of an indicator (its title, definition, source and drill-down label) holds no
text meant for developers: no reference to the seed papers, to DOMAIN.md or to the docs. Those go
in the indicator's `evidence`, which only docs/indicators.md shows."""

import re

import pytest

from hearth.performance.catalogue import CATALOGUE

FOR_DEVELOPERS = re.compile(r"DOMAIN|seed|Rotherham|papers|docs/|\.md\b|issue \d", re.IGNORECASE)


@pytest.mark.parametrize("indicator", CATALOGUE, ids=lambda indicator: indicator.id)
def test_an_indicator_shows_readers_no_developer_text(indicator):
    for shown in (indicator.title, indicator.definition, indicator.source, indicator.counted_label):
        assert not FOR_DEVELOPERS.search(shown), f"{indicator.id}: {shown!r}"


def test_the_evidence_is_kept_for_the_docs():
    """The papers an indicator was taken from are not lost, only moved: F01 still says where."""
    f01 = next(indicator for indicator in CATALOGUE if indicator.id == "F01")
    assert f01.source == "Local measure" and "improvement papers" in f01.evidence
