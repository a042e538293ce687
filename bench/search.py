"""How long "Find a child" takes on a large council: builds a throwaway PostgreSQL database with
200,000 synthetic children (names, dates of birth, NHS numbers, former names), a contact for
every child and an open case for one in ten across 40 teams, then times searches as a service
manager (sees everyone), a social worker (sees their team's children) and a MASH screener.

    .venv/bin/python bench/search.py [--children 200000] [--url postgres://postgres@127.0.0.1:5432]

The database (hearth_bench_search) is created, migrated, filled in bulk (not through the services,
which would take hours: the search keys come from the same functions the services use) and
dropped at the end. Prints the median and worst of five runs per query.
"""

import argparse
import datetime
import os
import random
import secrets
import statistics
import sys
import time
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
BENCH_DATABASE = "hearth_bench_search"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--children", type=int, default=200_000)
    parser.add_argument("--url", default="postgres://postgres@127.0.0.1:5432")
    options = parser.parse_args()
    with psycopg.connect(f"{options.url}/postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {BENCH_DATABASE}")
        admin.execute(f"CREATE DATABASE {BENCH_DATABASE}")
    os.environ["DATABASE_URL"] = f"{options.url}/{BENCH_DATABASE}"
    # Hearth needs a key of its own with a PostgreSQL database: a throwaway one for a throwaway database.
    os.environ.setdefault("HEARTH_SECRET_KEY", secrets.token_urlsafe(50))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hearth.settings")
    import django

    django.setup()
    try:
        run(options.children)
    finally:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(f"{options.url}/postgres", autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {BENCH_DATABASE}")


def run(how_many: int) -> None:
    from django.core.management import call_command
    from django.db import connection

    from hearth.simulate.council import analyze_hearth_tables

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    users, sample = build(how_many)
    analyze_hearth_tables()  # Hearth's own tables by name: a bare ANALYZE reaches the shared catalogues too
    print(f"built {how_many:,} children in {time.perf_counter() - started:.0f} s (PostgreSQL {connection.pg_version})")
    queries = [
        ("full name, misspelt", f"{misspelt(sample.first_name)} {misspelt(sample.last_name)}"),
        ("surname only", sample.last_name),
        ("partial names", f"{sample.first_name[:2]} {sample.last_name[:3]}"),
        ("name and date of birth", f"{sample.last_name} {sample.date_of_birth:%d/%m/%Y}"),
        ("date of birth", f"{sample.date_of_birth.day} {sample.date_of_birth:%B %Y}"),
        ("NHS number", f"{sample.nhs_number[:3]} {sample.nhs_number[3:6]} {sample.nhs_number[6:]}"),
        ("Hearth ID", sample.hearth_id),
        ("former name", "Zebedee Quartermaine"),
    ]
    from hearth.people.selectors import child_search

    print(f"{'query':<26}{'typed':<34}" + "".join(f"{role:>26}" for role in users))
    for label, typed in queries:
        cells = []
        for user in users.values():
            timings = []
            for _ in range(5):
                began = time.perf_counter()
                results = child_search(user=user, query=typed)
                timings.append(time.perf_counter() - began)
            cells.append(
                f"{statistics.median(timings) * 1000:7.1f} ms (max {max(timings) * 1000:5.0f}) {len(results):>3}"
            )
        print(f"{label:<26}{typed:<34}" + "".join(f"{cell:>26}" for cell in cells))


def misspelt(name: str) -> str:
    """The name with its first vowel after the first letter changed, as a hurried typist might."""
    for index, letter in enumerate(name[1:], start=1):
        if letter in "aeiou":
            return name[:index] + ("e" if letter != "e" else "a") + name[index + 1 :]
    return name + "e"


def build(how_many: int):
    from faker import Faker

    from hearth.core.roles import Role
    from hearth.frontdoor.models import Contact, Referral, ReferralSource
    from hearth.people.identifiers import nhs_check_digit
    from hearth.people.models import Child, FormerName, NameKey
    from hearth.people.names import name_words, sound_key
    from hearth.workforce.services import team_create, user_create, worker_create

    rng = random.Random(2014)
    faker = Faker("en_GB")
    faker.seed_instance(2014)
    first_names = sorted({faker.first_name() for _ in range(3000)})
    last_names = sorted({faker.last_name() for _ in range(6000)})
    teams = [team_create(actor=None, name=f"Team {n}", takes_referrals=True) for n in range(40)]

    def person(username, role, team=None):
        user = user_create(
            actor=None,
            username=username,
            first_name=username,
            last_name="Bench",
            email="",
            password="x",  # noqa: S106 (a throwaway database)
            role=role,
        )
        if team:
            worker_create(
                actor=None, user=user, team=team, job_title=role.value, holds_cases=role is Role.SOCIAL_WORKER
            )
        return user

    users = {
        "service manager": person("sm", Role.SERVICE_MANAGER),
        "social worker": person("sw", Role.SOCIAL_WORKER, teams[0]),
        "MASH screener": person("mash", Role.MASH_SCREENER),
    }
    source = ReferralSource.objects.first()
    today = datetime.date(2026, 3, 31)
    nhs_numbers = set()
    for pk in range(1, how_many + 1):
        nine = f"999{rng.randrange(10**6):06d}" if pk % 5 else f"{rng.randrange(4 * 10**8, 8 * 10**8):09d}"
        check = nhs_check_digit(nine)
        if check is not None:
            nhs_numbers.add(nine + str(check))
    nhs_numbers = list(nhs_numbers)
    batch = 10_000
    for start in range(0, how_many, batch):
        children = [
            Child(
                first_name=rng.choice(first_names),
                last_name=rng.choice(last_names),
                date_of_birth=today - datetime.timedelta(days=rng.randint(0, 18 * 365)),
                sex=rng.choice("FM"),
                nhs_number=nhs_numbers.pop() if nhs_numbers and rng.random() < 0.9 else "",
            )
            for _ in range(min(batch, how_many - start))
        ]
        Child.objects.bulk_create(children)
        keys = [
            NameKey(child=child, word=word, sound=sound_key(word))
            for child in children
            for word in set(name_words(child.first_name) + name_words(child.last_name))
        ]
        NameKey.objects.bulk_create(keys, batch_size=5000)
        contacts = Contact.objects.bulk_create(
            Contact(
                child=child,
                received_at=datetime.datetime(2026, 1, 5, 9, tzinfo=datetime.UTC),
                source=source,
                contact_person="Bench",
                account="Bench",
                recorded_by=users["MASH screener"],
            )
            for child in children
        )
        Referral.objects.bulk_create(
            Referral(
                child=contact.child,
                contact=contact,
                referral_date=datetime.date(2026, 1, 5),
                source=source,
                team=rng.choice(teams),
            )
            for contact in contacts
            if rng.random() < 0.1
        )
    some = list(Child.objects.order_by("?")[:300])
    FormerName.objects.bulk_create(
        FormerName(
            child=child,
            first_name="Zebedee",
            last_name="Quartermaine" if n == 0 else rng.choice(last_names),
            recorded_by=users["service manager"],
        )
        for n, child in enumerate(some)
    )
    NameKey.objects.bulk_create(
        NameKey(child=former.child, word=word, sound=sound_key(word), is_former=True)
        for former in FormerName.objects.select_related("child")
        for word in set(name_words(former.first_name) + name_words(former.last_name))
    )
    # The sample child to look for: one in the social worker's team, so every role can find them.
    sample = Child.objects.filter(referrals__team=teams[0], nhs_number__gt="").order_by("pk").first()
    return users, sample


if __name__ == "__main__":
    main()
