"""The reports' opening summary puts a figure in one list at most: RAG decides when green or red,
direction of travel when amber or unrated."""

from types import SimpleNamespace

import pytest

from hearth.performance.selectors import strengths_and_concerns, summary_list


@pytest.mark.parametrize(
    ("rag", "travel", "where"),
    [
        ("green", "worsening", "good"),  # on target though it fell: not also "for improvement"
        ("green", "improving", "good"),
        ("red", "improving", "improvement"),  # off target though it rose: not also "good"
        ("red", "worsening", "improvement"),
        ("amber", "improving", "good"),
        ("amber", "worsening", "improvement"),
        ("amber", "no change", None),
        ("", "improving", "good"),
        ("", "", None),
    ],
)
def test_each_figure_is_in_one_list_at_most(rag, travel, where):
    assert summary_list(SimpleNamespace(rag=rag, travel=travel)) == where


def test_no_figure_is_in_both_lists():
    figures = [
        SimpleNamespace(rag=rag, travel=travel)
        for rag in ("green", "amber", "red", "")
        for travel in ("improving", "worsening", "no change", "")
    ]
    lists = strengths_and_concerns(figures)
    assert not {id(f) for f in lists["good_performance"]} & {id(f) for f in lists["for_improvement"]}
