"""The register of placement providers, the placement's derived area, and the DfE's rules about one
placement refused when it is recorded (docs/returns-903.md, "Placements"), each worked by hand: the
message names the rule and nothing is written. Postcodes are public buildings' (HEARTH_LA_CODE is
the demo's E06000018, Nottingham): NG1 5FS and NG7 2RD are in Nottingham, SW1A 1AA in Westminster
(E09000033), B1 1AA in Birmingham (E08000025), CF10 1AA in Cardiff (Wales)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse

from hearth.audit.models import AuditEvent
from hearth.care import services
from hearth.care.models import Placement, Provider
from hearth.care.return903 import episode_placement_columns
from hearth.care.selectors import episodes
from hearth.testing.journeys import (
    far_from_home_approval,
    foster_placement,
    looked_after_child,
    new_child,
    provider_in_register,
)

pytestmark = pytest.mark.django_db

D = datetime.date
START = D(2025, 3, 3)
LATER = D(2025, 4, 14)


def _refused(call, **kwargs) -> dict:
    placements, providers, audit = Placement.objects.count(), Provider.objects.count(), AuditEvent.objects.count()
    with pytest.raises(ValidationError) as raised:
        call(**kwargs)
    assert (Placement.objects.count(), Provider.objects.count(), AuditEvent.objects.count()) == (
        placements,
        providers,
        audit,
    )
    return raised.value.message_dict if hasattr(raised.value, "error_dict") else {"__all__": raised.value.messages}


def _move(staff, period, placement, changed_on=LATER, reason="CARPL"):
    period.refresh_from_db()
    return services.placement_change(
        actor=staff.social_worker.user,
        period_id=period.pk,
        version=period.version,
        changed_on=changed_on,
        reason=reason,
        placement=placement,
    )


# The register ----------------------------------------------------------------------------------


def _details(**overrides):
    return services.ProviderDetails(
        **{"kind": "CHILDRENS_HOME", "name": " Larch  House ", "provider_code": "PR4", "urn": "sc123456"} | overrides
    )


def test_a_manager_or_performance_officer_adds_a_provider_and_corrects_it(staff):
    home = services.provider_record(actor=staff.performance_officer, details=_details(postcode="ng15fs"))
    assert (home.name, home.urn, home.postcode, home.provider_code) == ("Larch House", "SC123456", "NG1 5FS", "PR4")
    changed = services.provider_update(
        actor=staff.team_manager.user, provider_id=home.pk, version=1, details=_details(provider_code="PR5")
    )
    assert (changed.provider_code, changed.version) == ("PR5", 2)
    assert AuditEvent.objects.filter(action__startswith="care.provider_").count() == 2
    stale = _refused(
        services.provider_update, actor=staff.service_manager, provider_id=home.pk, version=1, details=_details()
    )
    assert stale == {"__all__": [services.ERROR_PROVIDER_CHANGED_MEANWHILE]}


def test_the_register_refuses_what_it_cannot_hold(staff):
    officer = staff.performance_officer
    assert _refused(services.provider_record, actor=staff.social_worker.user, details=_details()) == {
        "__all__": [services.ERROR_NOT_REGISTER_KEEPER]
    }
    errors = _refused(
        services.provider_record,
        actor=officer,
        details=_details(name=" ", provider_code="PR0", urn="12AB", postcode="nope"),
    )
    assert errors == {
        "name": [services.ERROR_PROVIDER_NAME],
        "provider_code": [
            services.ERROR_PROVIDER_CODE_FOR_KIND.format(kind="Children's home", codes="PR1, PR2, PR4, PR5")
        ],
        "urn": [services.ERROR_URN_FORMAT],
        "postcode": [services.ERROR_POSTCODE_FORMAT],
    }
    assert _refused(
        services.provider_record, actor=officer, details=_details(kind="AGENCY_FOSTER", name="Ms Vale", urn="")
    ) == {"agency": [services.ERROR_AGENCY_REQUIRED]}


def test_an_agencys_carers_take_its_urn_and_code(staff):
    officer = staff.performance_officer
    agency = services.provider_record(
        actor=officer, details=_details(kind="FOSTERING_AGENCY", name="Brightpath Fostering", urn="SC654321")
    )
    carers = services.provider_record(
        actor=officer,
        details=_details(kind="AGENCY_FOSTER", name="Ms Vale", provider_code="PR5", urn="", agency_id=agency.pk),
    )
    assert (carers.urn_for_return, carers.code_for_return) == ("SC654321", "PR4")


def test_the_register_page_lists_and_adds_providers(staff, client):
    provider_in_register("Mr and Mrs Fernhill")
    client.force_login(staff.social_worker.user)
    page = client.get(reverse("care:providers")).content.decode()
    assert "Mr and Mrs Fernhill" in page and reverse("care:provider_add") not in page
    assert client.get(reverse("care:provider_add")).status_code == 403
    client.force_login(staff.service_manager)
    response = client.post(
        reverse("care:provider_add"),
        {"kind": "CHILDRENS_HOME", "name": "Larch House", "provider_code": "PR4", "urn": "SC123456", "postcode": ""},
    )
    assert response.status_code == 302
    assert Provider.objects.filter(name="Larch House", urn="SC123456").exists()
    bad = client.post(
        reverse("care:provider_add"), {"kind": "CHILDRENS_HOME", "name": "X", "provider_code": "PR4", "urn": "1"}
    )
    assert services.ERROR_URN_FORMAT in bad.content.decode()


# The area, derived from the postcode --------------------------------------------------------------


def test_inside_the_councils_area_is_derived_from_the_placement_postcode(staff):
    period = looked_after_child(
        staff, new_child(staff, "Ada", "Vale", D(2012, 1, 1)), START, placement=foster_placement(postcode="ng1 5fs")
    )
    first = period.placements.get()
    assert (first.local_authority, first.inside_council_area) == ("E06000018", True)
    moved = _move(staff, period, foster_placement(carer="Ms Okafor", postcode="SW1A 1AA"))
    assert (moved.local_authority, moved.inside_council_area) == ("E09000033", False)
    unknown = _move(staff, period, foster_placement(carer="Ms Rowan", postcode="KV4 1AA"), changed_on=D(2025, 5, 1))
    assert (unknown.local_authority, unknown.inside_council_area) == ("", None)
    with override_settings(HEARTH_LA_CODE="E09000033"):
        westminster = _move(staff, period, foster_placement(carer="Ms Okafor", postcode="SW1A 1AA"), D(2025, 6, 2))
    assert westminster.inside_council_area is True


# The DfE's rules about one placement ------------------------------------------------------------


@pytest.fixture
def period(staff):
    return looked_after_child(staff, new_child(staff, "Ivo", "Talbot", D(2012, 6, 1)), START, legal_status="C2")


def test_a_provider_code_that_cannot_provide_the_type_is_refused(staff, period):
    parents = foster_placement(carer="Mrs Talbot (parent)", placement_type="P1")
    assert parents.provider_id == Provider.objects.get(name="Mrs Talbot (parent)", provider_code="PR0").pk
    wrong = foster_placement(carer="Mrs Talbot (parent)", placement_type="U6")
    assert _refused(_move, staff=staff, period=period, placement=wrong) == {
        "provider": [
            services.ERROR_PROVIDER_CODE_FOR_TYPE.format(
                provider="Mrs Talbot (parent)", code="PR0", type="U6", rule="550"
            )
        ]
    }
    hospital = foster_placement(carer="City Hospital", placement_type="R2", provider="PR1")
    assert _refused(_move, staff=staff, period=period, placement=hospital)["provider"] == [
        services.ERROR_PROVIDER_CODE_FOR_TYPE.format(provider="City Hospital", code="PR1", type="R2", rule="527")
    ]


def test_a_urn_is_needed_where_the_dfe_asks_for_one_and_only_there(staff, period):
    no_urn = foster_placement(carer="Larch House", placement_type="K2", provider="PR4", urn="")
    assert _refused(_move, staff=staff, period=period, placement=no_urn) == {
        "provider": [services.ERROR_URN_REQUIRED.format(type="K2", provider="Larch House")]
    }
    adoption_agency = foster_placement(carer="Fir Lodge", placement_type="K2", provider="PR4", urn="XXXXXXX")
    assert _refused(_move, staff=staff, period=period, placement=adoption_agency) == {
        "provider": [services.ERROR_URN_XXXXXXX]
    }
    in_wales = foster_placement(
        carer="Ty Derw", placement_type="K2", provider="PR4", urn="SC111111", postcode="CF10 1AA"
    )
    assert _refused(_move, staff=staff, period=period, placement=in_wales) == {
        "provider": [services.ERROR_URN_OUTSIDE_ENGLAND.format(provider="Ty Derw")]
    }
    # In Wales with no URN is right (rule 218 asks for none outside England).
    welsh_home = foster_placement(carer="Ty Bach", placement_type="K2", provider="PR4", urn="", postcode="CF10 1AA")
    assert _move(staff, period, welsh_home).local_authority == "WAL"


def test_own_provision_outside_the_area_is_only_foster_adoption_or_supported(staff, period):
    council_home = foster_placement(carer="Oakfield House", placement_type="K2", provider="PR1", postcode="B1 1AA")
    assert _refused(_move, staff=staff, period=period, placement=council_home) == {
        "provider": [services.ERROR_OWN_PROVISION_OUTSIDE.format(provider="Oakfield House")]
    }
    assert _move(staff, period, foster_placement(carer="Ms Okafor", postcode="B1 1AA")).inside_council_area is False


def test_home_and_placement_postcodes_differ_unless_with_parents(staff, period):
    same = foster_placement(carer="Ms Okafor", postcode="KV3 9ZZ", home_postcode="kv3 9zz")
    assert _refused(_move, staff=staff, period=period, placement=same) == {"postcode": [services.ERROR_SAME_POSTCODES]}
    home = foster_placement(
        carer="Mr Talbot (parent)", placement_type="P1", postcode="KV3 9ZZ", home_postcode="KV3 9ZZ"
    )
    assert _move(staff, period, home).placement_type == "P1"


def test_a_placement_type_needs_the_child_to_be_old_enough_on_the_day(staff, period):
    # Ivo was born on 1 Jun 2012: 12 on 14 Apr 2025, so not yet 14 (P3) or 16 (K3).
    supported = foster_placement(carer="Foxglove", placement_type="K3", provider="PR4")
    assert _refused(_move, staff=staff, period=period, placement=supported) == {
        "placement_type": [services.ERROR_TOO_YOUNG.format(age=16, type="K3", rule="371")]
    }
    work = foster_placement(carer="Farm", placement_type="P3", provider="PR4")
    assert _refused(_move, staff=staff, period=period, placement=work)["placement_type"] == [
        services.ERROR_TOO_YOUNG.format(age=14, type="P3", rule="374")
    ]
    toddler = looked_after_child(staff, new_child(staff, "Pip", "Talbot", D(2022, 1, 1)), START)
    school = foster_placement(carer="Highfield School", placement_type="S1", provider="PR5")
    assert _refused(_move, staff=staff, period=toddler, placement=school)["placement_type"] == [
        services.ERROR_TOO_YOUNG.format(age=4, type="S1", rule="373")
    ]


def test_a_move_must_change_the_provider_the_type_or_the_postcode(staff, period):
    """Rule 435: a new episode for a change of placement (P, or T with the same carer) must show a
    change in PLACE, PL_POST, URN or PLACE_PROVIDER; the same carers, type and postcode again would not."""
    same = foster_placement()  # the Fernhills, U6, KV1 2AB: where Ivo is now
    assert _refused(_move, staff=staff, period=period, placement=same) == {
        "provider": [services.ERROR_PLACEMENT_UNCHANGED]
    }
    long_term = foster_placement(placement_type="U4")  # the same carers, now long-term: a T episode
    assert _move(staff, period, long_term).placement_type == "U4"


def test_a_change_of_placement_status_only_keeps_the_same_carers(staff, period):
    """PLACE, "change of placement status only", says the child stays with their carers: with other
    carers it contradicts itself (a move has its own reason), so it is refused and nothing written."""
    others = foster_placement(carer="Mr and Mrs Ashdown")
    assert _refused(_move, staff=staff, period=period, placement=others, reason="PLACE") == {
        "reason": [services.ERROR_STATUS_ONLY_WITH_NEW_CARERS.format(provider="Mr and Mrs Fernhill")]
    }
    # The same carers, now long-term: a status-only change.
    assert _move(staff, period, foster_placement(placement_type="U4"), reason="PLACE").placement_type == "U4"


def test_placed_for_adoption_with_current_carers_must_be_the_current_carers(staff, period):
    others = foster_placement(carer="Mr and Mrs Ashdown", placement_type="A5")
    assert _refused(_move, staff=staff, period=period, placement=others) == {
        "placement_type": [services.ERROR_ADOPTION_NOT_CURRENT_CARERS.format(provider="Mr and Mrs Fernhill")]
    }
    assert _move(staff, period, foster_placement(placement_type="A5")).placement_type == "A5"  # the Fernhills


def _status(staff, period, changed_on, legal_status="E1"):
    period.refresh_from_db()
    return services.legal_status_change(
        actor=staff.social_worker.user,
        period_id=period.pk,
        version=period.version,
        changed_on=changed_on,
        legal_status=legal_status,
    )


def test_no_legal_status_change_alone_while_placed_for_adoption_with_current_carers(staff, period):
    """Rule 217 (csc-validator-be-903 0.1.17): every episode whose PLACE is A3 or A5 (DECOM from 1 April
    2015) has RNE S, T or U. Ivo is placed for adoption with consent with the Fernhills, his foster
    carers (A3), on 14 April 2025 (a T episode); a placement order on 1 May 2025 recorded alone would
    start an A3 episode with L: refused, nothing written."""
    _move(staff, period, foster_placement(placement_type="A3"))
    statuses = period.legal_statuses.count()
    assert _refused(_status, staff=staff, period=period, changed_on=D(2025, 5, 1)) == {
        "legal_status": [
            services.ERROR_LEGAL_STATUS_DURING_ADOPTION_WITH_CARERS.format(child="Ivo", code="A3", date="14 April 2025")
        ]
    }
    assert period.legal_statuses.count() == statuses
    assert "rule 217" in services.ERROR_LEGAL_STATUS_DURING_ADOPTION_WITH_CARERS
    # As the message says: the move A3 to A5 (now under the placement order) with the same carers
    # first, then the order the same day. The two make one episode, U (legal status and placement
    # change, the same carers), which rule 217 allows.
    _move(staff, period, foster_placement(placement_type="A5"), changed_on=D(2025, 5, 1))
    _status(staff, period, D(2025, 5, 1))
    found = [(episode.placement.placement_type, episode.rne) for episode in episodes(period)]
    assert found == [("U6", "S"), ("A3", "T"), ("A5", "U")]


def test_a_legal_status_change_on_the_first_day_of_an_a3_placement_makes_a_u_episode(staff, period):
    _move(staff, period, foster_placement(placement_type="A3"))
    _status(staff, period, LATER)
    assert [episode.rne for episode in episodes(period)] == ["S", "U"]


def test_a_legal_status_change_while_placed_for_adoption_with_new_adopters_is_not_217s(staff, period):
    _move(staff, period, foster_placement(carer="Mr and Mrs Ashdown", placement_type="A6"))
    _status(staff, period, D(2025, 5, 1))
    assert [(episode.placement.placement_type, episode.rne) for episode in episodes(period)][-1] == ("A6", "L")


def test_legal_status_and_placement_type_that_cannot_go_together(staff):
    s20 = looked_after_child(staff, new_child(staff, "Cal", "Talbot", D(2012, 1, 1)), START, legal_status="V2")
    parents = foster_placement(carer="Ms Talbot (parent)", placement_type="P1")
    assert _refused(_move, staff=staff, period=s20, placement=parents) == {
        "placement_type": [services.ERROR_P1_SECTION_20]
    }
    breaks = looked_after_child(staff, new_child(staff, "Dee", "Talbot", D(2012, 1, 1)), START, legal_status="V3")
    assert _refused(_move, staff=staff, period=breaks, placement=foster_placement(placement_type="U4")) == {
        "placement_type": [services.ERROR_SHORT_BREAK_LONG_TERM]
    }
    assert _refused(_move, staff=staff, period=breaks, placement=foster_placement(placement_type="T3")) == {
        "placement_type": [services.ERROR_SHORT_BREAK_TEMPORARY]
    }
    # And a legal status change that would put the placement the child is in against the rules.
    at_home = looked_after_child(
        staff,
        new_child(staff, "Eve", "Talbot", D(2012, 1, 1)),
        START,
        legal_status="C1",
        placement=foster_placement(carer="Mr Talbot (parent)", placement_type="P1"),
    )
    assert _refused(
        services.legal_status_change,
        actor=staff.social_worker.user,
        period_id=at_home.pk,
        version=1,
        changed_on=LATER,
        legal_status="V2",
    ) == {"legal_status": [services.ERROR_P1_SECTION_20]}


def test_retired_codes_are_not_chosen_now(staff, period):
    for code in ("H5", "P2", "Z1"):
        placement = foster_placement(carer="Larch House", placement_type=code, provider="PR4", urn="SC123456")
        assert _refused(_move, staff=staff, period=period, placement=placement) == {
            "placement_type": [services.ERROR_PLACEMENT_TYPE]
        }


# The Episodes columns from a placement -----------------------------------------------------------


def test_the_episode_placement_columns_worked_by_hand(staff):
    """Home SW1A 2AA (530047, 179951); placed at SL4 1NJ (496864, 177023), Windsor and Maidenhead
    (E06000040): sqrt(33183^2 + 2928^2) = 33311.9 m; / 1000 / 1.6093 = 20.70 miles, "20.7"."""
    period = looked_after_child(
        staff,
        new_child(staff, "Ann", "Larchmont", D(2012, 1, 1)),
        START,
        "C2",
        foster_placement(
            postcode="SL4 1NJ", home_postcode="SW1A 2AA", urn="SC100200", **far_from_home_approval(staff, START)
        ),
    )
    placement = period.placements.get()
    assert episode_placement_columns(placement) == {
        "PLACE": "U6",
        "PLACE_PROVIDER": "PR1",
        "URN": "SC100200",
        "PL_POST": "SL4 1NJ",
        "HOME_POST": "SW1A 2AA",
        "PL_LA": "E06000040",
        "PL_LOCATION": "OUT",
        "PL_DISTANCE": "20.7",
    }
    assert episode_placement_columns(placement, uasc=True)["HOME_POST"] == ""
    # A temporary placement: no provider code and no URN (rules 213, 222); the home postcode of the
    # first placement stands; NG7 2RD is in Nottingham, the council's own area.
    # 109.1 miles from the home the child left: approved by a manager the day before.
    respite = _move(
        staff,
        period,
        foster_placement(
            carer="Mrs Respite",
            placement_type="T3",
            postcode="NG7 2RD",
            home_postcode="",
            **far_from_home_approval(staff, LATER - datetime.timedelta(days=1)),
        ),
    )
    columns = episode_placement_columns(respite)
    assert {k: columns[k] for k in ("PLACE", "PLACE_PROVIDER", "URN", "HOME_POST", "PL_LA", "PL_LOCATION")} == {
        "PLACE": "T3",
        "PLACE_PROVIDER": "",
        "URN": "",
        "HOME_POST": "SW1A 2AA",
        "PL_LA": "E06000018",
        "PL_LOCATION": "IN",
    }
    # Short breaks: no place at all (rules 214, 398, 420).
    assert episode_placement_columns(placement, legal_status="V3") == {
        "PLACE": "U6",
        "PLACE_PROVIDER": "PR1",
        "URN": "",
        "PL_POST": "",
        "HOME_POST": "",
        "PL_LA": "",
        "PL_LOCATION": "",
        "PL_DISTANCE": "",
    }
