"""The demo's visit write-ups and assessment narratives fit the child: he or she by the recorded
sex, the wording by age (no nursery for a teenager, no words from a baby), "the carers" in a
placement and "mum" at home; the bedroom only where the child lives."""

import datetime
import re

import pytest

from hearth.people.models import Child
from hearth.simulate.write_ups import assessment_narrative, cin_review_reasons, conference_reasons, visit_write_up

D = datetime.date
TODAY = D(2025, 6, 9)
DAYS = [TODAY + datetime.timedelta(days=n) for n in range(60)]


def child(sex: str, years: float, pk: int = 7) -> Child:
    born = TODAY - datetime.timedelta(days=int(years * 365.25))
    return Child(pk=pk, first_name="Sam", last_name="Example", sex=sex, date_of_birth=born)


def _all_text(write_up: dict) -> str:
    return " ".join(str(value) for value in write_up.values() if isinstance(value, str))


@pytest.mark.parametrize(("sex", "wrong"), [("M", r"\b(she|her)\b"), ("F", r"\b(he|his|him)\b")])
def test_a_boys_visit_never_says_her_and_a_girls_never_says_his(sex, wrong):
    for years in (0.5, 3, 8, 15):
        for day in DAYS:
            for in_care in (False, True):
                text = _all_text(visit_write_up(child(sex, years), day, seen=True, in_care=in_care))
                assert not re.search(wrong, text.replace("her mother", "").replace("Mother and her", "")), text


def test_a_child_whose_sex_is_not_known_is_named_not_given_a_pronoun():
    texts = [_all_text(visit_write_up(child("U", 8), day, seen=True, in_care=False)) for day in DAYS]
    assert not any(re.search(r"\b(she|he|his|him)\b", text) for text in texts)
    assert any("Sam" in text for text in texts)


def test_the_wording_fits_the_age():
    baby = [visit_write_up(child("F", 0.5), day, seen=True, in_care=False) for day in DAYS]
    assert all(w["child_voice"].startswith("Too young to talk") for w in baby)
    teen = [_all_text(visit_write_up(child("M", 15), day, seen=True, in_care=False)) for day in DAYS]
    assert not any(re.search(r"nursery|toys|cot\b|driving", text) for text in teen)


def test_the_bedroom_only_where_the_child_lives_and_carers_in_a_placement():
    for day in DAYS:
        at_home = visit_write_up(child("F", 8), day, seen=True, in_care=False)
        if at_home["place"] != "HOME":
            assert at_home["bedroom_seen"] is None
        in_care = visit_write_up(child("F", 8), day, seen=True, in_care=True)
        assert in_care["place"] in {"PLACEMENT", "SCHOOL"}
        assert "mum" not in _all_text(in_care)
    not_seen = visit_write_up(child("F", 8), TODAY, seen=False, in_care=False)
    assert (not_seen["child_voice"], not_seen["bedroom_seen"]) == ("", None)


def test_every_section_of_an_assessment_is_written_for_every_outcome():
    import random

    for outcome in ("NFA", "EARLY_HELP", "CIN_PLAN", "STRATEGY", None):
        narrative = assessment_narrative(random.Random(1), child("M", 14), TODAY, outcome)
        assert all(narrative.values()) and "her" not in narrative["analysis"].split()
    assert "neglect" in conference_reasons("PLAN", "NEG") and conference_reasons("END", "")


REVIEW_DECISIONS = [("CONTINUE", ""), ("CHANGE", ""), ("END", "NEEDS_MET"), ("END", "STEP_DOWN")]


@pytest.mark.parametrize(("sex", "wrong"), [("M", r"\b(she|her)\b"), ("F", r"\b(he|his|him|His)\b")])
def test_a_cin_reviews_reasons_fit_the_childs_sex_and_age(sex, wrong):
    for years in (0.5, 3, 8, 15):
        for day in DAYS[:10]:
            for decision, end_reason in REVIEW_DECISIONS:
                reasons = cin_review_reasons(child(sex, years), day, decision, end_reason)
                assert reasons and not re.search(wrong, reasons), reasons
    baby = cin_review_reasons(child("F", 0.5), TODAY, "CONTINUE")
    teen = cin_review_reasons(child("F", 15), TODAY, "CONTINUE")
    assert "health visitor" in baby and "college" in teen and "nursery" not in teen


def test_a_cin_reviews_reasons_follow_the_decision_and_are_the_same_for_the_same_child_and_day():
    boy = child("M", 8)
    assert "twice a week" in cin_review_reasons(boy, D(2025, 6, 10), "CHANGE") or "Money advice" in (
        cin_review_reasons(boy, D(2025, 6, 10), "CHANGE")
    )
    assert "the plan ends" in cin_review_reasons(boy, TODAY, "END", "NEEDS_MET")
    assert "early help" in cin_review_reasons(boy, TODAY, "END", "STEP_DOWN")
    assert cin_review_reasons(boy, TODAY, "CONTINUE") == cin_review_reasons(boy, TODAY, "CONTINUE")
