"""Two screeners deciding the same contact at the same moment: one decision stands, the other is
refused with a message, and nothing is overwritten (the contact row is locked while decided)."""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from hearth.core.roles import Role
from hearth.frontdoor import services
from hearth.frontdoor.models import Contact, ScreeningDecision
from hearth.testing.journeys import at, new_child, new_contact
from hearth.workforce.services import user_create, worker_create

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


def test_the_second_of_two_simultaneous_decisions_is_refused(staff):
    contact = new_contact(staff, new_child(staff), at(datetime.date(2025, 3, 14), 9))
    second_screener = user_create(
        actor=None,
        username="miles",
        first_name="Miles",
        last_name="Tester",
        email="miles@example.org",
        password="not-used-here-1",
        role=Role.MASH_SCREENER,
    )
    worker_create(actor=None, user=second_screener, team=staff.mash_team, job_title="MASH screener", holds_cases=False)
    start = threading.Barrier(2)
    outcomes = {}

    def decide(screener, decision):
        start.wait()
        try:
            services.contact_screen(
                actor=screener,
                contact_id=contact.pk,
                decision=decision,
                decided_at=at(datetime.date(2025, 3, 14), 10),
                reason=f"{decision} by {screener}",
            )
            outcomes[screener.username] = "decided"
        except ValidationError as error:
            outcomes[screener.username] = " ".join(error.messages)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=decide, args=(staff.screener, ScreeningDecision.EARLY_HELP)),
        threading.Thread(target=decide, args=(second_screener, ScreeningDecision.NO_FURTHER_ACTION)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert list(outcomes.values()).count("decided") == 1
    refused = [message for message in outcomes.values() if message != "decided"]
    assert len(refused) == 1 and "already recorded a decision on this contact" in refused[0]
    winner = Contact.objects.get(pk=contact.pk)
    assert winner.decision_reason == f"{winner.decision} by {winner.decided_by.username}"
    assert outcomes[winner.decided_by.username] == "decided"
