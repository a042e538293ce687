"""The synthetic council's characteristics of its children, recorded through the services after the
rest of the record is built: an ethnicity for every child (an English mix, some not yet obtained,
a few refused), a UPN or the reason it is not known for every child with a case, disabilities for
children with a case, a few unaccompanied asylum-seeking young people (who arrive and come into
care, written through the care simulation), and one or two young mothers among the looked-after
girls. Everything is invented; UPNs
use the fictional local authority code 999.

Its own random stream (seeded from the council's seed) leaves every other draw of the simulation as
it was.
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Min
from django.utils import timezone
from faker import Faker

from hearth.calendar.workingdays import add_months
from hearth.care.models import PeriodOfCare
from hearth.core import collection_years
from hearth.frontdoor.models import Contact, Referral
from hearth.people.characteristics_selectors import birthday, school_age_reference_date
from hearth.people.characteristics_services import (
    disabilities_record,
    ethnicity_record,
    uasc_record,
    upn_unknown_record,
)
from hearth.people.models import Child, Sex
from hearth.people.services import child_identity_update, relationship_add
from hearth.simulate.care import CareHistory, CareSimulation
from hearth.simulate.upns import synthetic_upn
from hearth.workforce.models import Allocation

# Roughly the mix of children in need in England (DfE, Characteristics of children in need), with
# a few whose ethnicity was not yet obtained or who declined to say.
ETHNICITY_WEIGHTS = {
    "WBRI": 630,
    "WIRI": 3,
    "WIRT": 3,
    "WROM": 10,
    "WOTH": 60,
    "MWBC": 35,
    "MWBA": 15,
    "MWAS": 15,
    "MOTH": 30,
    "AIND": 10,
    "APKN": 30,
    "ABAN": 13,
    "AOTH": 15,
    "BCRB": 10,
    "BAFR": 40,
    "BOTH": 10,
    "CHNE": 2,
    "OOTH": 20,
    "NOBT": 35,
    "REFU": 6,
}
# Unaccompanied asylum-seeking young people in England come mostly from Afghanistan, Eritrea, Sudan,
# Iran, Iraq and Albania.
UASC_ETHNICITY_WEIGHTS = {"AOTH": 35, "BAFR": 25, "OOTH": 25, "WOTH": 15}
# Among children with a case: most have no disability; learning, behaviour, autism and communication
# are the commonest recorded.
DISABILITY_WEIGHTS = {
    "LD": 30,
    "BEH": 25,
    "AUT": 25,
    "COMM": 20,
    "MOB": 6,
    "HAND": 3,
    "PC": 5,
    "INC": 3,
    "HEAR": 4,
    "VIS": 4,
    "CON": 4,
    "DDA": 6,
}
SCHOOLS = ("3005", "5010", "5022")  # not the front door's schools, so their UPNs never meet
# The demo's (a council's size sets its own): about 6% of its looked-after children (England: about 9%).
UASC_ARRIVALS = 5


class CharacteristicsSimulation:
    def __init__(self, sim):
        self.sim = sim
        self.today = sim.today
        self.random = random.Random(sim.seed * 59 + 13)
        self.faker = Faker("en_GB")
        self.faker.seed_instance(sim.seed * 59 + 13)
        self.upn_serial = 0
        self.counts = {
            "ethnicities": 0,
            "UPNs at school": 0,
            "reasons a UPN is not known": 0,
            "disability records": 0,
            "unaccompanied asylum-seeking young people": 0,
            "young mothers": 0,
        }

    def run(self, counts: dict) -> None:
        uasc = self._unaccompanied_arrivals(counts)
        children = list(Child.objects.order_by("pk"))
        self.first_contact = {
            row["child_id"]: timezone.localdate(row["first"])
            for row in Contact.objects.values("child_id").annotate(first=Min("received_at"))
        }
        self.first_referral = {}
        self.needs = {}
        for child_id, referred_on, need in Referral.objects.order_by("referral_date").values_list(
            "child_id", "referral_date", "primary_need"
        ):
            self.first_referral.setdefault(child_id, referred_on)
            self.needs.setdefault(child_id, set()).add(need)
        self.periods = {}
        for period in PeriodOfCare.objects.order_by("started_on", "pk"):
            self.periods.setdefault(period.child_id, []).append(period)
        # Each child's latest allocated worker records what they find out.
        self.workers = dict(
            Allocation.objects.order_by("started_on", "pk").values_list("referral__child_id", "worker__user")
        )
        self.users = {user.pk: user for user in get_user_model().objects.filter(pk__in=self.workers.values())}
        for child in children:
            self._ethnicity(child, uasc)
            if child.pk in self.first_referral or child.pk in self.periods:
                child = self._upn_or_reason(child, uasc)
                self._disabilities(child)
        self._young_mothers(children)
        counts |= self.counts

    # Who records ------------------------------------------------------------------------------
    def _worker(self, child):
        user_id = self.workers.get(child.pk)
        return self.users[user_id] if user_id else self.sim.users["sm"]

    def _known_from(self, child) -> datetime.date:
        """When the child became known: their first contact (a sibling recorded without one: today),
        or their birth if they were referred before it."""
        known = min(self.first_contact.get(child.pk, self.today), self.today)
        return max(known, child.date_of_birth) if child.date_of_birth else known

    # Ethnicity --------------------------------------------------------------------------------
    def _ethnicity(self, child, uasc: dict) -> None:
        weights = UASC_ETHNICITY_WEIGHTS if child.pk in uasc else ETHNICITY_WEIGHTS
        code = self._weighted(weights)
        known_from = uasc[child.pk] if child.pk in uasc else self._known_from(child)
        actor = self.sim.users["mash"] if child.pk not in self.workers else self._worker(child)
        ethnicity_record(actor=actor, child_id=child.pk, ethnicity=code, applies_from=known_from)
        self.counts["ethnicities"] += 1
        # Asked at the assessment: some not obtained at the front door are recorded later. Not for a
        # looked-after child, whose returns from year to year must agree (903 rule 204).
        referred_on = self.first_referral.get(child.pk)
        if code == "NOBT" and referred_on and child.pk not in self.periods and self.random.random() < 0.5:
            asked_on = max(referred_on, child.date_of_birth or referred_on) + datetime.timedelta(
                days=self.random.randint(10, 45)
            )
            if asked_on <= self.today:
                ethnicity_record(
                    actor=self._worker(child),
                    child_id=child.pk,
                    ethnicity=self._weighted({k: v for k, v in ETHNICITY_WEIGHTS.items() if k not in ("NOBT", "REFU")}),
                    applies_from=asked_on,
                )
                self.counts["ethnicities"] += 1

    # UPN, or why it is not known ----------------------------------------------------------------
    def _upn_or_reason(self, child, uasc: dict):
        if child.upn or child.date_of_birth is None:
            return child
        school_age = birthday(child.date_of_birth, 4) <= school_age_reference_date(self.today)
        actor = self._worker(child)
        if not school_age:
            reason, applies_from = "UN1", self._known_from(child)
        elif child.pk in uasc:
            reason, applies_from = "UN2", uasc[child.pk]  # never at school in England
        elif self.random.random() < 0.93:
            return self._upn_given(child, actor)
        else:
            reasons = {"UN5": 40, "UN3": 30, "UN2": 30}
            if child.pk not in self.periods:
                reasons["UN4"] = 10  # new to the council; never for a looked-after child (rule 210)
            reason, applies_from = self._weighted(reasons), self._known_from(child)
        upn_unknown_record(actor=actor, child_id=child.pk, reason=reason, applies_from=applies_from)
        self.counts["reasons a UPN is not known"] += 1
        return child

    def _upn_given(self, child, actor):
        for _ in range(5):
            try:
                child = child_identity_update(
                    actor=actor,
                    child_id=child.pk,
                    expected_version=child.version,
                    first_name=child.first_name,
                    last_name=child.last_name,
                    date_of_birth=child.date_of_birth,
                    sex=child.sex,
                    nhs_number=child.nhs_number,
                    upn=self._upn(child),
                    postcode=child.postcode,
                )
                self.counts["UPNs at school"] += 1
                return child
            except ValidationError as refused:
                if not all(message.startswith("Another child's record") for message in refused.messages):
                    raise
        return child

    def _upn(self, child) -> str:
        self.upn_serial += 1
        entered = (child.date_of_birth.year + 5) % 100  # the year they started school
        return synthetic_upn(self.random.choice(SCHOOLS), entered, self.upn_serial)

    # Disabilities -----------------------------------------------------------------------------
    def _disabilities(self, child) -> None:
        """Recorded at the first assessment of need: about one child in eight with a case has a
        disability, every child referred because of their disability (N2)."""
        referred_on = self.first_referral.get(child.pk)
        if referred_on is None or referred_on > self.today:
            return
        disabled = "N2" in self.needs.get(child.pk, set()) or self.random.random() < 0.12
        if disabled:
            count = self.random.choices([1, 2, 3], weights=[60, 30, 10])[0]
            codes = sorted({self._weighted(DISABILITY_WEIGHTS) for _ in range(count)})
        else:
            codes = ["NONE"]
        applies_from = max(referred_on, child.date_of_birth or referred_on)
        disabilities_record(actor=self._worker(child), child_id=child.pk, disabilities=codes, applies_from=applies_from)
        self.counts["disability records"] += 1

    # Unaccompanied asylum-seeking young people ------------------------------------------------
    def _unaccompanied_arrivals(self, counts: dict) -> dict[int, datetime.date]:
        """Young people who arrived alone, mostly aged 15 to 17 and boys, and were accommodated under
        section 20 (V2) the day they were referred: written by the care simulation's own writer (on a
        stream of its own), with no home here to be placed away from, and unaccompanied
        asylum-seeking from the day care began. The status ends at 18, or before for one granted
        leave to remain; one arrived two years ago and has turned 18 and left care. Returns child id
        -> from when."""
        care = CareSimulation(self.sim, stream=1)
        arrivals = self.sim.size.unaccompanied
        girl = arrivals - 1 if self.random.random() < 0.5 else None
        uasc = {}
        for number in range(arrivals):
            if number == 0:  # arrived at 16 or 17, now a care leaver
                eighteen = self.today - datetime.timedelta(days=self.random.randint(60, 400))
                born = add_months(eighteen, -12 * 18)
                started_on = birthday(born, 16) + datetime.timedelta(days=self.random.randint(0, 540))
                until, ended = eighteen - datetime.timedelta(days=60), (eighteen, "E17")
            else:  # 16 or 17 today; arrived in the last two and a half years, most at 15 or over
                born = self.today - datetime.timedelta(days=self.random.randint(16 * 365 + 30, 17 * 365 + 300))
                earliest = birthday(born, 14) + datetime.timedelta(days=180)
                in_care = self.random.randint(30, min(900, (self.today - earliest).days))
                started_on = self.today - datetime.timedelta(days=in_care)
                until, ended = self.today, None
            history = CareHistory(
                born=born,
                started_on=started_on,
                legal_status="V2",
                sex=Sex.FEMALE if number == girl else Sex.MALE,
                category_of_need="N8",  # absent parenting
                arrived_alone=True,
            )
            history.moves = care._moves(started_on, until)
            history.ended = ended
            period = care.write_history(history, counts)
            actor = period.started_by
            granted = started_on + datetime.timedelta(days=self.random.randint(240, 480))
            if ended is None and granted < min(birthday(born, 18), self.today) and self.random.random() < 0.4:
                uasc_record(
                    actor=actor,
                    child_id=period.child_id,
                    uasc_from=started_on,
                    ceased_on=granted,
                    cease_reason="GRANTED",
                )
            else:
                uasc_record(actor=actor, child_id=period.child_id, uasc_from=started_on)
            uasc[period.child_id] = started_on
            self.counts["unaccompanied asylum-seeking young people"] += 1
        return uasc

    # Young mothers ----------------------------------------------------------------------------
    def _young_mothers(self, children) -> None:
        """One or two looked-after girls of 15 to 17 with a baby born while in care, recorded in
        her family record as her own child (from which the 903's MOTHER and MC_DOB are read)."""
        girls = []
        for child in children:
            periods = self.periods.get(child.pk, [])
            if child.sex != Sex.FEMALE or child.date_of_birth is None or not periods or periods[-1].ended_on:
                continue
            if birthday(child.date_of_birth, 15) <= self.today < birthday(child.date_of_birth, 18):
                girls.append((child, periods[-1]))
        for child, period in self.random.sample(girls, k=min(self.random.choice([1, 2]), len(girls))):
            earliest = max(period.started_on + datetime.timedelta(days=60), birthday(child.date_of_birth, 15))
            latest = self.today - datetime.timedelta(days=20)
            if earliest > latest:
                continue
            # Born by the last 31 March where she was in care then, so the last complete year's
            # return has its young mother too.
            last_year_end = collection_years.year_end(collection_years.latest_ended_year(self.today))
            if earliest <= last_year_end:
                latest = min(latest, last_year_end)
            born = earliest + datetime.timedelta(days=self.random.randint(0, (latest - earliest).days))
            relationship_add(
                actor=self._worker(child),
                child_id=child.pk,
                relationship_code="OWN_CHILD",
                person={
                    "first_name": self.random.choice([self.faker.first_name_female(), self.faker.first_name_male()]),
                    "last_name": child.last_name,
                    "date_of_birth": born,
                },
                lives_in_household=True,
                started_on=born,
            )
            self.counts["young mothers"] += 1

    def _weighted(self, weights: dict) -> str:
        return self.random.choices(list(weights), weights=list(weights.values()))[0]


def simulate_characteristics(sim, counts: dict) -> None:
    """Records the characteristics, adding the children looked after it writes (the unaccompanied
    young people) to the council's counts, and its own counts beside them."""
    CharacteristicsSimulation(sim).run(counts)
