"""The synthetic council's characteristics: recorded for every child as the returns need them, at
realistic rates, through the services."""

import datetime
from collections import Counter

import pytest
import time_machine

from hearth.care.models import PeriodOfCare
from hearth.frontdoor.models import Referral
from hearth.people.characteristics_selectors import birthday, characteristics_of, school_age_reference_date
from hearth.people.models import Child, Sex, UascRecord
from hearth.simulate.characteristics import UASC_ARRIVALS
from hearth.simulate.council import Simulation

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 3, 31)


@pytest.fixture(autouse=True)
def on_the_councils_today():
    with time_machine.travel(datetime.datetime(2026, 3, 31, 18, 0, tzinfo=datetime.UTC)):
        yield


def test_every_child_has_the_characteristics_the_returns_ask_for():
    counts = Simulation(seed=11, today=TODAY, months=2, contacts_per_month=30).run()
    children = list(Child.objects.all())
    now = characteristics_of(children, TODAY)
    # An ethnicity for every child: mostly White British, some not yet obtained or refused.
    ethnicities = Counter(c.ethnicity for c in now.values())
    assert None not in ethnicities and ethnicities.most_common(1)[0][0] == "WBRI"
    assert ethnicities["NOBT"] + ethnicities["REFU"] > 0 and len(ethnicities) >= 6
    # Every child with a case or looked after: a UPN, or why not; never UN1 at school age (rule 209).
    with_a_case = set(Referral.objects.values_list("child_id", flat=True))
    looked_after = set(PeriodOfCare.objects.values_list("child_id", flat=True))
    reference = school_age_reference_date(TODAY)
    for child in children:
        if child.pk in with_a_case | looked_after:
            upn = now[child.pk].upn
            assert upn, child
            if upn == "UN1":
                assert birthday(child.date_of_birth, 4) > reference
    reasons = Counter(now[c.pk].upn for c in children if now[c.pk].upn and now[c.pk].upn.startswith("UN"))
    assert reasons["UN1"] > 0 and sum(reasons.values()) == counts["reasons a UPN is not known"]
    # Disabilities for every child with a case: most none, some with one or more (each code once).
    disabilities = [now[pk].disabilities for pk in with_a_case]
    assert all(disabilities)
    assert 0 < sum(d != ("NONE",) for d in disabilities) < sum(d == ("NONE",) for d in disabilities)
    # A few unaccompanied asylum-seeking young people, mostly boys, who came into care at 14 to 17
    # under section 20, with no home here; one has turned 18 and left care.
    uasc = UascRecord.objects.select_related("child")
    assert counts["unaccompanied asylum-seeking young people"] == uasc.count() == UASC_ARRIVALS
    assert sum(status.child.sex == Sex.MALE for status in uasc) >= UASC_ARRIVALS - 1
    for status in uasc:
        period = PeriodOfCare.objects.get(child=status.child)
        born = status.child.date_of_birth
        assert status.uasc_from == period.started_on and birthday(born, 14) < status.uasc_from < birthday(born, 18)
        assert period.legal_statuses.get().legal_status == "V2"
        assert not period.placements.exclude(home_postcode="").exists()
        on = now[status.child_id].uasc
        assert on.duc <= birthday(born, 18)  # rule 304
        assert on.is_uasc == (period.ended_on is None and status.ceased_on is None)
        assert now[status.child_id].upn == "UN2"
    assert PeriodOfCare.objects.filter(child__uasc_records__isnull=False, ended_on__isnull=False).count() == 1
    # One or two young mothers among the looked-after girls, her first child born while in care.
    mothers = [c for c in children if now[c.pk].mother == "1"]
    assert 1 <= len(mothers) == counts["young mothers"] <= 2
    for mother in mothers:
        period = PeriodOfCare.objects.get(child=mother, ended_on__isnull=True)
        assert mother.sex == Sex.FEMALE and period.started_on < now[mother.pk].mother_child_born_on <= TODAY
