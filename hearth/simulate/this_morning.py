"""The morning the demo opens on: a few contacts received overnight and this morning, waiting on the
MASH board to be screened, so that the MASH screener's journey in the README (rate the urgency, ask
partner checks, screen with the child's earlier contacts beside it) can be done as written whatever
time of day the demo was built. The rest of the council's contacts are mostly screened by the time
the demo opens, as a MASH that screens within 24 hours leaves them.

Each is about a child the council already knows (an earlier contact, no case open now), so the
screening page has history to show, and is written as the professional who called would put it,
fitting the child's age and sex. Recorded through the front door's service, last of all and from a
generator of its own, so the rest of the council is the same with or without them."""

import datetime
import random

from django.db.models import Q
from django.utils import timezone
from faker import Faker

from hearth.frontdoor.models import Consent
from hearth.frontdoor.services import contact_record
from hearth.people.models import Child, Sex

HOW_MANY = (4, 7)
YOUNGEST_DAYS, OLDEST_YEARS = 180, 16


def _pronouns(child) -> dict:
    if child.sex == Sex.FEMALE:
        return {"they": "she", "them": "her", "their": "her"}
    return {"they": "he", "them": "him", "their": "his"}


def _age(child, today: datetime.date) -> int:
    born = child.date_of_birth
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


# (source code, the caller's role, the account), each fitting children from `youngest` to `oldest`.
ACCOUNTS = [
    (
        "6",
        "police officer",
        0,
        17,
        "Officers attended a domestic incident at {first}'s home at about 1am. {First_they} was in the house "
        "and was woken by the shouting; an adult was arrested. {First_they} appeared unharmed and was left "
        "with the other parent. Notification for screening.",
    ),
    (
        "2A",
        "designated safeguarding lead",
        5,
        16,
        "{first} arrived at school this morning with a bruise to {their} cheek and said an adult at home "
        "hit {them} last night. {First_they} did not want to go home. The school has not spoken to the "
        "parents.",
    ),
    (
        "3B",
        "health visitor",
        0,
        4,
        "Home visit yesterday afternoon: the home was cold and there was little food. {first} had a nappy "
        "rash that had not been treated and {their} weight has dropped across two centiles. The parent "
        "seemed low in mood and missed the last two appointments.",
    ),
    (
        "3E",
        "emergency department nurse",
        11,
        16,
        "{first} was brought in overnight intoxicated, found by the police in a park with older young "
        "people not known to the family. {First_they} would not say where {they} had been since leaving "
        "school. Discharged to a parent at 6am.",
    ),
    (
        "2A",
        "designated safeguarding lead",
        5,
        16,
        "{first}'s attendance has fallen to 62% this term and {they} has come in hungry most mornings. "
        "Today {they} told a teaching assistant that {they} looks after younger children at home while a "
        "parent is out at night.",
    ),
    (
        "1A",
        "relative",
        0,
        16,
        "A relative rang to say {first}'s parent has been drinking heavily since a bereavement and was "
        "unable to care for {them} at the weekend. The relative has had {first} overnight but cannot keep "
        "{them} beyond tomorrow.",
    ),
]


def _account(draws, child, today) -> tuple[str, str, str]:
    age = _age(child, today)
    fitting = [entry for entry in ACCOUNTS if entry[2] <= age <= entry[3]]
    source, role, _youngest, _oldest, text = draws.choice(fitting)
    words = _pronouns(child)
    account = text.format(
        first=child.first_name,
        First_they=child.first_name if draws.random() < 0.5 else words["they"].capitalize(),
        **words,
    )
    return source, role, account


def _children_known_without_an_open_case(today: datetime.date):
    """Children with an earlier contact and no case open now, of an age a contact would be about, their
    sex known (the accounts say he or she), whose records are neither sealed nor restricted (the
    demo's screener may open them)."""
    oldest_born = today - datetime.timedelta(days=365 * OLDEST_YEARS)
    youngest_born = today - datetime.timedelta(days=YOUNGEST_DAYS)
    return (
        Child.objects.filter(
            contacts__isnull=False,
            date_of_birth__range=(oldest_born, youngest_born),
            sex__in=[Sex.FEMALE, Sex.MALE],
        )
        .exclude(Q(referrals__closed_on__isnull=True) | Q(contacts__decided_at__isnull=True))
        .filter(seal__isnull=True, restriction__isnull=True)
        .distinct()
        .order_by("pk")
    )


def simulate_this_morning(sim) -> dict:
    draws = random.Random(f"{sim.seed}-this-morning")
    faker = Faker("en_GB")
    faker.seed_instance(draws.randrange(2**32))
    today = sim.today
    # The council's morning ends at midday, or now if the council is built on its own today (the
    # demo) before then; a council built for another day is then the same whenever it is built.
    midday = timezone.make_aware(datetime.datetime.combine(today, datetime.time(12)))
    now = min(timezone.now(), midday) if today == timezone.localdate() else midday
    candidates = list(_children_known_without_an_open_case(today))
    chosen = draws.sample(candidates, min(len(candidates), draws.randint(*HOW_MANY)))
    for child in chosen:
        source, role, account = _account(draws, child, today)
        # Overnight or this morning: within the last 16 hours, so none is yet past the MASH's 24.
        received_at = now - datetime.timedelta(minutes=draws.randint(20, 16 * 60))
        contact_record(
            actor=draws.choice(sim.users["screeners"]),
            child_ids=[child.pk],
            received_at=received_at,
            source_code=source,
            contact_person=f"{faker.name()}, {role}",
            account=account,
            consent=draws.choice([Consent.GIVEN, Consent.NOT_YET, Consent.NOT_SOUGHT]),
        )
    return {"contacts waiting this morning": len(chosen)}
