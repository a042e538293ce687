"""NHS number and UPN check characters, worked by hand."""

import pytest

from hearth.people.identifiers import (
    format_nhs_number,
    nhs_check_digit,
    nhs_number_digits,
    nhs_number_is_valid,
    upn_check_letter,
    upn_is_valid,
)
from hearth.people.names import name_words, sound_key


def test_the_nhs_data_dictionarys_example_number_is_valid():
    # 9 4 3 4 7 6 5 9 1 weighted 10..2: 90+36+24+28+42+30+20+27+2 = 299; 299 = 27*11 + 2;
    # 11 - 2 = 9, the last digit.
    assert nhs_check_digit("943476591") == 9
    assert nhs_number_is_valid("9434765919")


def test_a_synthetic_test_range_number_is_worked_out():
    # 9 9 9 0 0 0 0 0 1 weighted: 90+81+72+0+0+0+0+0+2 = 245; 245 = 22*11 + 3; 11 - 3 = 8.
    assert nhs_check_digit("999000001") == 8
    assert nhs_number_is_valid("9990000018")
    assert not nhs_number_is_valid("9990000017")  # one digit out


def test_a_remainder_of_zero_gives_a_check_digit_of_zero():
    # 9 9 9 0 0 0 0 0 5: 90+81+72+10 = 253 = 23*11 remainder 0; 11 - 0 = 11, which becomes 0.
    assert nhs_check_digit("999000005") == 0
    assert nhs_number_is_valid("9990000050")


def test_nine_digits_whose_check_would_be_ten_can_never_be_a_valid_number():
    # 9 9 9 1 2 3 4 5 6: 90+81+72+7+12+15+16+15+12 = 320 = 29*11 + 1; 11 - 1 = 10: not allowed.
    assert nhs_check_digit("999123456") is None
    assert not any(nhs_number_is_valid(f"999123456{digit}") for digit in range(10))


@pytest.mark.parametrize("text", ["943476591", "94347659190", "943476591X", "", "９４３４７６５９１９"])
def test_anything_but_ten_ascii_digits_is_not_an_nhs_number(text):
    assert not nhs_number_is_valid(text)


def test_an_nhs_number_is_read_with_spaces_or_dashes_and_shown_three_three_four():
    assert nhs_number_digits(" 943 476-5919 ") == "9434765919"
    assert format_nhs_number("9434765919") == "943 476 5919"


def test_the_upn_check_letter_is_worked_out():
    # T 999 1234 15 001: characters 2-13 are 9 9 9 1 2 3 4 1 5 0 0 1, weighted 2..13:
    # 18+27+36+5+12+21+32+9+50+0+0+13 = 223; 223 = 9*23 + 16; letter 16 of
    # ABCDEFGHJKLMNPQRTUVWXYZ (from 0, no I, O or S) is T.
    assert upn_check_letter("999123415001") == "T"
    assert upn_is_valid("T999123415001")
    assert not upn_is_valid("A999123415001")
    assert not upn_is_valid("T999123415002")


def test_a_temporary_upn_ending_in_a_letter_counts_the_letter_by_its_place():
    # As above but the last character is A (value 0): 223 - 13 = 210 = 9*23 + 3; letter 3 is D.
    assert upn_check_letter("99912341500A") == "D"
    assert upn_is_valid("D99912341500A")


@pytest.mark.parametrize("text", ["T99912341500", "I999123415001", "T99912341500I", "t999123415001 x"])
def test_malformed_upns_are_refused(text):
    assert not upn_is_valid(text)


@pytest.mark.parametrize(
    ("a", "b"),
    [("John", "Jon"), ("Jhon", "John"), ("Smith", "Smyth"), ("Catherine", "Katherine"), ("Philip", "Filip")],
)
def test_names_that_sound_alike_share_a_key(a, b):
    assert sound_key(a) == sound_key(b)


def test_names_that_sound_different_do_not():
    assert sound_key("Smith") != sound_key("Jones")
    assert sound_key("Smith") == "S530"  # S, m=5, t=3, padded


def test_a_double_name_is_searchable_by_each_part_and_joined():
    assert name_words("Mary-Jane") == ["mary", "jane", "maryjane"]
    assert name_words("O'Neill") == ["oneill"]
