from django.core.management.base import BaseCommand

from hearth.timescales.rules import RULES

HEADER = """# Timescales

Generated from `hearth/timescales/rules.py` by `make docs` (a test fails if this page and the
table differ). Worklists and indicators both ask these rules for due dates; neither counts days
of its own.

How days are counted (DOMAIN.md 3.1): **day 0 is the start date**; "within N working days" means on
or before the Nth working day after it; working days skip weekends and England and Wales bank
holidays (GOV.UK's list, kept in the BankHoliday table, refreshed by
`manage.py update_bank_holidays [--download | --file bank-holidays.json]`). Hour limits count true
elapsed time in Europe/London, so they survive the clocks changing.

A rule marked "local standard allowed" can have a stricter council limit, set in the admin
(Timescales > Local standards) without code; worklists show it beside the national limit.

| id | duty | clock starts | clock stops | limit | local standard allowed (default) | source |
|---|---|---|---|---|---|---|
"""

NOTES = """
## Notes

- **T03 and T03C** measure the same assessment from different starts. **An assessment has one due
  date, T03's**: Working Together 2023 sets 45 working days "from the point of referral", and every
  page that shows an assessment's due date shows that one (the worklists, the child's page, the
  assessment's page and its start page, the assessment backlog and A03), with the council's local
  standard (35 working days from the referral by default) beside it as the local target. A case
  that never started its assessment owes none once a plan or care has started on it (the worklists'
  `assessment_still_owed`). DfE's published statistic (CIN census, T03C) runs from the assessment's
  start to its authorisation; only the indicators A01 and A02 use it, so Hearth's figures compare
  with the DfE's and statistical neighbours', and no page shows it as a due date.
- Authorisation by a manager stops both clocks: the date the worker finished writing does not.
- **School terms** (T36, personal education plans "each term") are fixed windows of the year: spring
  1 January to 31 March, summer 1 April to 31 August (the summer holiday goes with the term it
  follows), autumn 1 September to 31 December. "By the end of the school term after that of the last
  PEP" is the last day of the next window: a PEP in June is next due by 31 December, one in October by
  31 March. A council's own term dates differ by a week or two (Easter moves); Hearth has no school
  calendar, so T35's "20 school days" are counted as working days (docs/looked-after.md).
- **The plan for permanence** is expected by the child's second looked-after review
  (docs/permanence.md). It is shown on the child's page, not made a rule here, because the second
  review's date is the duties app's and permanence cannot read it; the permanence tracker's target
  (`HEARTH_PERMANENCE_TARGET_DAYS`, 121 days since the last milestone) is a council setting.
"""


class Command(BaseCommand):
    help = "Print docs/timescales.md generated from the rules table."

    def handle(self, *args, **options):
        lines = [HEADER.rstrip("\n")]
        for rule in RULES:
            local = f"yes ({rule.local_standard_default} {rule.unit})" if rule.local_standard_allowed else "no"
            lines.append(
                f"| {rule.id} | {rule.duty} | {rule.starts} | {rule.stops} | {rule.limit} {rule.unit} "
                f"| {local} | {rule.source} |"
            )
        self.stdout.write("\n".join(lines) + "\n" + NOTES)
