"""The decision to look after each child of the synthetic council, given with the start of care.

A period of care that began before the simulated months is history: the council's earlier system
held no decision Hearth can read, so none is recorded and none is owed (docs/looked-after.md). From
the first simulated day, the head of service (the demo's `sm`, a service manager) approves most
decisions a day or two before the child comes into care; about one in five is an emergency, approved
afterwards, most the next working day (rule T51), some late, and one still awaiting approval if it
began in the last few days. Its own random stream leaves every other draw of the simulation as it was.
"""

import datetime
import random

from hearth.care.services import DECISION_NOT_HELD, StartDecision, care_decision_approve

EMERGENCY = 0.2
APPROVED_NEXT_WORKING_DAY = 0.75  # of the emergencies; the rest within a week


class CareDecisions:
    def __init__(self, sim, offset: int = 0):
        self.sim = sim
        self.draws = random.Random(f"{sim.seed}-care-decisions-{offset}")

    @property
    def approver(self):
        return self.sim.users["sm"]

    def at_start(self, started_on: datetime.date) -> StartDecision:
        if started_on < self.sim.first_day:
            return DECISION_NOT_HELD
        if self.draws.random() < EMERGENCY:
            return StartDecision(emergency=True)
        approved_on = started_on - datetime.timedelta(days=self.draws.randint(0, 3))
        # Approved on a working day (the head of service decides in the working week): the one before.
        while not self.sim.calendar.is_working_day(approved_on) and approved_on > self.sim.first_day:
            approved_on -= datetime.timedelta(days=1)
        approved_on = max(self.sim.first_day, approved_on)
        return StartDecision(approved_by_id=self.approver.pk, approved_on=approved_on)

    def after_start(self, period) -> None:
        """An emergency's approval, once it would have been given by today."""
        decision = getattr(period, "decision", None)
        if decision is None or not decision.awaiting_approval:
            return
        calendar = self.sim.calendar
        if self.draws.random() < APPROVED_NEXT_WORKING_DAY:
            approved_on = calendar.add_working_days(period.started_on, 1)
        else:
            approved_on = period.started_on + datetime.timedelta(days=self.draws.randint(2, 7))
            while not calendar.is_working_day(approved_on):  # a late approval, on the next working day
                approved_on += datetime.timedelta(days=1)
        if approved_on > self.sim.today:
            return  # still awaiting approval: on the worklists (T51)
        care_decision_approve(
            actor=self.approver, period_id=period.pk, approved_on=approved_on, version=decision.version
        )
