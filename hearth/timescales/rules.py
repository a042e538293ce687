"""The statutory and local timescale rules: one table, pure functions, no database.

Each rule names the event that starts its clock, the event that stops it, the limit and its unit,
and its source. Where councils commonly set a stricter local standard the rule says so, and the
council's own limit lives in the LocalStandard table (timescales.selectors reads it). Worklists and
indicators both ask this module for due dates; neither computes one of its own.
"""

import datetime
from dataclasses import dataclass
from enum import StrEnum

from hearth.calendar.workingdays import WorkingCalendar, add_months, term_end


class Unit(StrEnum):
    HOURS = "hours"
    WORKING_DAYS = "working days"
    CALENDAR_DAYS = "days"
    MONTHS = "months"
    TERMS = "school term(s)"  # by the end of the Nth school term after the start's (workingdays.term_end)


@dataclass(frozen=True)
class Rule:
    id: str
    duty: str
    starts: str
    stops: str
    limit: int
    unit: Unit
    source: str
    citation: str  # the source in a few words, for worklists: "Working Together 2023"
    local_standard_allowed: bool = False
    local_standard_default: int | None = None

    def describe(self, limit: int | None = None) -> str:
        """'45 working days from referral' for the national limit, or a local one."""
        if self.unit is Unit.TERMS:
            limit = self.limit if limit is None else limit
            after = "the school term" if limit == 1 else f"the {limit}th school term"
            return f"by the end of {after} after that of the {self.starts}"
        return f"{limit if limit is not None else self.limit} {self.unit} from {self.starts}"


RULES: tuple[Rule, ...] = (
    Rule(
        id="T01",
        duty="Screening decision on a contact",
        starts="contact received",
        stops="screening decision recorded",
        limit=24,
        unit=Unit.HOURS,
        source="Local standard from the Rotherham improvement papers (24 hours); Working Together 2023 "
        "(a decision within one working day of a referral)",
        citation="local standard, Working Together 2023",
    ),
    Rule(
        id="T03",
        duty="Assessment completed (Working Together clock)",
        starts="referral",
        stops="manager authorisation of the assessment",
        limit=45,
        unit=Unit.WORKING_DAYS,
        source="Working Together to Safeguard Children 2023: within 45 working days from the point of referral",
        citation="Working Together 2023",
        local_standard_allowed=True,
        local_standard_default=35,
    ),
    Rule(
        id="T03C",
        duty="Assessment completed (CIN census measure)",
        starts="assessment start",
        stops="manager authorisation of the assessment",
        limit=45,
        unit=Unit.WORKING_DAYS,
        source="DfE children in need census: assessment start to authorisation (validation rule 8670Q); "
        "the measure DfE publishes",
        citation="DfE children in need census",
        local_standard_allowed=True,
        local_standard_default=35,
    ),
)

RULES += (
    Rule(
        id="T34",
        duty="Re-referral window: a referral within 12 months of the child's previous referral is a re-referral",
        starts="previous referral",
        stops="new referral",
        limit=12,
        unit=Unit.MONTHS,
        source="DfE children in need statistics: re-referrals within 12 months of a previous referral "
        "(measured from the previous referral, not from the case closing)",
        citation="DfE children in need statistics",
    ),
)

# Assessment and children in need rules (T10 CIN plan reviews, ...) ----------------------------------
# (added here by the assessment and children-in-need work)
RULES += (
    Rule(
        id="T10",
        duty="Children in need plan reviewed",
        starts="plan start or last review",
        stops="plan review held",
        limit=3,
        unit=Unit.MONTHS,
        source="Local standard: no national timescale for reviewing a child in need plan; every 3 months is "
        "typical practice (the council sets its own)",
        citation="local standard",
        local_standard_allowed=True,
        local_standard_default=3,
    ),
)

# Child protection rules (T05 ICPC, T06 core group, T07/T08 review conferences, T09 CP visits) -------
# (added here by the child protection work)
RULES += (
    Rule(
        id="T05",
        duty="Initial child protection conference held",
        starts="strategy discussion that started the section 47 enquiry",
        stops="initial child protection conference",
        limit=15,
        unit=Unit.WORKING_DAYS,
        source="Working Together to Safeguard Children 2023: the ICPC within 15 working days of the strategy "
        "discussion at which the section 47 enquiry was initiated; DfE CIN census InitialCPCtarget "
        "(S47ActualStartDate + 15 working days) and validation rule 8675Q",
        citation="Working Together 2023",
    ),
    Rule(
        id="T06",
        duty="First core group meeting",
        starts="initial child protection conference",
        stops="first core group meeting",
        limit=10,
        unit=Unit.WORKING_DAYS,
        source="Working Together to Safeguard Children 2023: the core group meets within 10 working days of the ICPC",
        citation="Working Together 2023",
    ),
    Rule(
        id="T06L",
        duty="Core group meetings after the first",
        starts="last core group meeting",
        stops="next core group meeting",
        limit=42,
        unit=Unit.CALENDAR_DAYS,
        source="Local safeguarding partnership procedures: Working Together sets no national interval after the "
        "first core group; councils commonly set 4 to 6 weeks (42 days here, a local standard of 28 days is "
        "usual)",
        citation="local procedures",
        local_standard_allowed=True,
        local_standard_default=28,
    ),
    Rule(
        id="T07",
        duty="First review child protection conference",
        starts="initial child protection conference",
        stops="first review conference",
        limit=3,
        unit=Unit.MONTHS,
        source="Working Together to Safeguard Children 2023: the first review conference within 3 months of the "
        "ICPC (CIN census CPPreviewDate)",
        citation="Working Together 2023",
    ),
    Rule(
        id="T08",
        duty="Later review child protection conferences",
        starts="last review conference",
        stops="next review conference",
        limit=6,
        unit=Unit.MONTHS,
        source="Working Together to Safeguard Children 2023: further reviews at intervals of no more than 6 months",
        citation="Working Together 2023",
    ),
)

# Visits rules (CIN visits, ...) ----------------------------------------------------------------------
# (added here by the visits work)
# T09 is the child protection visit; it is written here by the visits work (the visits' due date
# takes the plan kind, so CP plans connect to it without a second definition).
RULES += (
    Rule(
        id="T09",
        duty="Child protection plan: child visited and seen",
        starts="plan start or last visit at which the child was seen",
        stops="visit at which the child is seen",
        limit=10,
        unit=Unit.WORKING_DAYS,
        source="Local standard: no national visiting frequency for a child on a child protection plan; "
        "every 10 working days is typical practice (the council sets its own)",
        citation="local standard",
        local_standard_allowed=True,
        local_standard_default=10,
    ),
    Rule(
        id="T09N",
        duty="Children in need plan: child visited and seen",
        starts="plan start or last visit at which the child was seen",
        stops="visit at which the child is seen",
        limit=20,
        unit=Unit.WORKING_DAYS,
        source="Local standard: no national visiting frequency for a child on a child in need plan; "
        "every 20 working days is the council's default (it sets its own)",
        citation="local standard",
        local_standard_allowed=True,
        local_standard_default=20,
    ),
)

# Looked-after children's statutory duties (visits, reviews, health) -------------------------------
# (added here by the care duties work). Visits follow the CURRENT placement: T12 from its start to
# the first visit in it, then T13 in its first year, T14 or T15 after (hearth/duties/due_dates.py picks).
RULES += (
    Rule(
        id="T12",
        duty="Looked-after child visited in a new placement",
        starts="placement start",
        stops="visit at which the child is seen",
        limit=7,
        unit=Unit.CALENDAR_DAYS,
        source="Care Planning, Placement and Case Review (England) Regulations 2010, reg 28(2)(a): "
        "within one week of the start of any placement",
        citation="CPPCR 2010 reg 28(2)(a)",
    ),
    Rule(
        id="T13",
        duty="Looked-after child visited: first year of the placement",
        starts="last visit at which the child was seen",
        stops="next visit at which the child is seen",
        limit=42,
        unit=Unit.CALENDAR_DAYS,
        source="CPPCR 2010 reg 28(2)(b): at intervals of not more than six weeks for the first year of the placement",
        citation="CPPCR 2010 reg 28(2)(b)",
    ),
    Rule(
        id="T14",
        duty="Looked-after child visited: after the first year, placement intended to last until 18",
        starts="last visit at which the child was seen",
        stops="next visit at which the child is seen",
        limit=3,
        unit=Unit.MONTHS,
        source="CPPCR 2010 reg 28(2)(c)(i): after the first year, at intervals of not more than three "
        "months where the placement is intended to last until the child is 18 (a recorded decision)",
        citation="CPPCR 2010 reg 28(2)(c)(i)",
    ),
    Rule(
        id="T15",
        duty="Looked-after child visited: after the first year, other placements",
        starts="last visit at which the child was seen",
        stops="next visit at which the child is seen",
        limit=42,
        unit=Unit.CALENDAR_DAYS,
        source="CPPCR 2010 reg 28(2)(c)(ii): after the first year, in any other case at intervals of "
        "not more than six weeks",
        citation="CPPCR 2010 reg 28(2)(c)(ii)",
    ),
    Rule(
        id="T13L",
        duty="Looked-after child visited and seen: the council's standard for every placement",
        starts="last visit at which the child was seen, or becoming looked after",
        stops="visit at which the child is seen",
        limit=42,
        unit=Unit.CALENDAR_DAYS,
        source="Local standard: visits at least every six weeks to every looked-after child, whatever "
        "the placement (Rotherham improvement papers: 77.2% against a 90% target); stricter than "
        "reg 28's three months after a long-term placement's first year (the council sets its own)",
        citation="local standard",
        local_standard_allowed=True,
        local_standard_default=42,
    ),
    Rule(
        id="T18",
        duty="First looked-after review",
        starts="becoming looked after",
        stops="first review held",
        limit=20,
        unit=Unit.WORKING_DAYS,
        source="CPPCR 2010 reg 33(1): the first review within 20 working days of the date on which the "
        "child becomes looked after",
        citation="CPPCR 2010 reg 33(1)",
    ),
    Rule(
        id="T19",
        duty="Second looked-after review",
        starts="first review",
        stops="second review held",
        limit=3,
        unit=Unit.MONTHS,
        source="CPPCR 2010 reg 33(2)(a): the second review not more than three months after the first",
        citation="CPPCR 2010 reg 33(2)(a)",
    ),
    Rule(
        id="T20",
        duty="Later looked-after reviews",
        starts="last review",
        stops="next review held",
        limit=6,
        unit=Unit.MONTHS,
        source="CPPCR 2010 reg 33(2)(b): later reviews not more than six months after the one before",
        citation="CPPCR 2010 reg 33(2)(b)",
    ),
    Rule(
        id="T21",
        duty="Initial health assessment done",
        starts="becoming looked after",
        stops="initial health assessment done",
        limit=20,
        unit=Unit.WORKING_DAYS,
        source="CPPCR 2010 reg 7 and Promoting the health and well-being of looked-after children (2015): "
        "before the placement or, if not practicable, before the first review (20 working days)",
        citation="CPPCR 2010 reg 7; statutory guidance",
    ),
    Rule(
        id="T22U",
        duty="Review health assessment: child under 5 at the last assessment",
        starts="last health assessment",
        stops="review health assessment done",
        limit=6,
        unit=Unit.MONTHS,
        source="CPPCR 2010 reg 7 and Schedule 1; Promoting the health and well-being of looked-after "
        "children (2015): at least every six months before a child's fifth birthday",
        citation="CPPCR 2010 reg 7; statutory guidance",
    ),
    Rule(
        id="T22",
        duty="Review health assessment: child 5 or over at the last assessment",
        starts="last health assessment",
        stops="review health assessment done",
        limit=12,
        unit=Unit.MONTHS,
        source="CPPCR 2010 reg 7 and Schedule 1; Promoting the health and well-being of looked-after "
        "children (2015): at least once every twelve months from the child's fifth birthday",
        citation="CPPCR 2010 reg 7; statutory guidance",
    ),
    Rule(
        id="T23",
        duty="Dental check",
        starts="last dental check, or becoming looked after",
        stops="dental check done",
        limit=12,
        unit=Unit.MONTHS,
        source="SSDA903 outcomes for looked-after children (OC2 TEETH_CHECK: teeth checked by a dentist "
        "in the last 12 months); Promoting the health and well-being of looked-after children (2015)",
        citation="DfE SSDA903 OC2; statutory guidance",
    ),
)

# Personal education plans (T35 the first, T36 each term after) -------------------------------------
# (added here by the personal education plans work: docs/looked-after.md "Personal education plans")
RULES += (
    Rule(
        id="T35",
        duty="Personal education plan in place (child of school age)",
        starts="becoming looked after, or reaching school age (reception) while looked after",
        stops="personal education plan agreed at its meeting",
        limit=20,
        unit=Unit.WORKING_DAYS,
        source="DfE statutory guidance, Promoting the education of looked-after children and previously "
        "looked-after children (February 2018): the PEP is part of the care plan, initiated before the child "
        "becomes looked after (within 10 working days of an emergency placement) and in place for the first "
        "looked-after review, 20 working days after (CPPCR 2010 reg 33(1)); the guidance's 20 school days "
        "counted as working days (Hearth's calendar has no school holidays)",
        citation="Promoting the education of looked-after children 2018",
    ),
    Rule(
        id="T36",
        duty="Personal education plan reviewed each term",
        starts="last personal education plan",
        stops="personal education plan reviewed",
        limit=1,
        unit=Unit.TERMS,
        source="DfE statutory guidance, Promoting the education of looked-after children and previously "
        "looked-after children (February 2018): the PEP reviewed every school term (one each term: the next "
        "by the end of the term after the last one's; terms counted as spring January to March, summer April "
        "to August, autumn September to December)",
        citation="Promoting the education of looked-after children 2018",
    ),
)

# Case record rules (alert reviews, note sign-off, ...) -----------------------------------------------
# (added here by the case record work)

# Care leavers (T26 first pathway plan, T27 pathway plan reviews, T29 personal adviser contact) -----
# (added here by the care leavers work)
RULES += (
    Rule(
        id="T26",
        duty="Pathway needs assessment and first pathway plan",
        starts="16th birthday, or becoming eligible after it",
        stops="pathway plan agreed",
        limit=3,
        unit=Unit.MONTHS,
        source="Care Planning, Placement and Case Review (England) Regulations 2010 reg 42(1): the needs "
        "assessment no more than 3 months after the child reaches 16 or becomes eligible; the pathway plan "
        "follows it (Hearth records the plan, so the plan is what stops this clock)",
        citation="CPPCR 2010 reg 42",
    ),
    Rule(
        id="T26A",
        duty="Needs assessment and pathway plan when a care leaver asks for support to 25 after 21 (first or again)",
        starts="the day the young person asked, when after their 21st birthday (a time with no support before it)",
        stops="pathway plan agreed or reviewed",
        limit=3,
        unit=Unit.MONTHS,
        source="Children Act 1989 s23CZB (Children and Social Work Act 2017 s3): a former relevant care leaver aged "
        "21 to 24 who asks for a personal adviser's support is owed an assessment of needs and a pathway plan; a "
        "young person who said they no longer want it may ask again before 25 (councils' local offers, e.g. "
        "Norfolk's and West Sussex's). No national timescale: Hearth reads it as the first plan's 3 months (T26, "
        "CPPCR reg 42), by analogy (our reading)",
        citation="Children Act 1989 s23CZB",
    ),
    Rule(
        id="T27",
        duty="Pathway plan reviewed",
        starts="last pathway plan review (or the plan being agreed)",
        stops="pathway plan review",
        limit=6,
        unit=Unit.MONTHS,
        source="Care Leavers (England) Regulations 2010 reg 7: the pathway plan reviewed at intervals of no "
        "more than 6 months (for an eligible child, with the looked-after review)",
        citation="Care Leavers Regulations 2010 reg 7",
    ),
    Rule(
        id="T29",
        duty="Personal adviser in touch with a relevant or former relevant care leaver",
        starts="last contact in which the young person was in touch (or leaving care); past 21, not before the day "
        "they asked for support to 25 (first or again)",
        stops="contact in which the young person is in touch",
        limit=56,
        unit=Unit.CALENDAR_DAYS,
        source="Local standard: no national frequency for a personal adviser's contact with a care leaver not in "
        "council-provided accommodation (Children Act 1989 guidance volume 3 leaves it to the pathway plan); "
        "every 8 weeks is typical practice (the council sets its own)",
        citation="local standard",
        local_standard_allowed=True,
        local_standard_default=56,
    ),
    Rule(
        id="T29B",
        duty="Personal adviser's contact around a care leaver's 17th to 21st birthday (the 903's OC3)",
        starts="the young person's 17th, 18th, 19th, 20th or 21st birthday",
        stops="a contact in which the young person is in touch, from 3 months before the birthday",
        limit=1,
        unit=Unit.MONTHS,
        source="DfE SSDA903 guide, OC3 (children looked after return): for each care leaver whose 17th to 21st "
        "birthday falls in the year, whether the council was in touch around the birthday and their activity and "
        "accommodation then. The window, 3 months before the birthday to 1 month after, is the one C02-C05 read "
        '(DOMAIN 2.6, unverified: the guide says "around" the birthday)',
        citation="SSDA903 guide (OC3)",
    ),
    Rule(
        id="T30",
        duty="Return home interview offered after a missing episode",
        starts="the child's return from being missing or away from placement",
        stops="return home interview offered",
        limit=72,
        unit=Unit.HOURS,
        source="Department for Education statutory guidance, Children who run away or go missing from home or "
        "care (January 2014): an independent return interview offered to the child when they are found or come "
        "back, within 72 hours of their return (the clock stops when the interview is offered)",
        citation="Missing from home or care guidance 2014",
    ),
)

# Supervision (T40 a worker's, T41 and T42 case supervision on a child's file) ----------------------
# (added here by the workforce work: docs/workforce.md "Supervision")
RULES += (
    Rule(
        id="T40",
        duty="Worker's supervision",
        starts="last supervision (or starting in post)",
        stops="supervision recorded",
        limit=1,
        unit=Unit.MONTHS,
        source="Local standard: no national frequency for a social worker's supervision; the Standards for "
        "employers of social workers in England (LGA 2020) expect regular, planned supervision, and the "
        "councils' own policies (Rotherham's among them) set it monthly (the council sets its own)",
        citation="local standard",
        local_standard_allowed=True,
        local_standard_default=1,
    ),
    Rule(
        id="T41",
        duty="Case supervision of a looked-after child",
        starts="last case supervision on the child's file (or becoming looked after)",
        stops="case supervision recorded on the child's file",
        limit=3,
        unit=Unit.MONTHS,
        source="Local standard: no national frequency for case supervision; the Rotherham improvement papers "
        "record case supervision on each looked-after child's file every quarter (the council sets its own)",
        citation="local standard",
        local_standard_allowed=True,
        local_standard_default=3,
    ),
    Rule(
        id="T42",
        duty="Case supervision of a child on a child protection plan",
        starts="last case supervision on the child's file (or the plan starting)",
        stops="case supervision recorded on the child's file",
        limit=1,
        unit=Unit.MONTHS,
        source="Local standard: no national frequency for case supervision; monthly for a child on a child "
        "protection plan is the councils' common standard (the council sets its own)",
        citation="local standard",
        local_standard_allowed=True,
        local_standard_default=1,
    ),
)

# The IRO's challenge (T50) and the decision to look after a child (T51) ------------------------------
# (added here by the looked-after record work: docs/protection.md "Escalations", docs/looked-after.md)
RULES += (
    Rule(
        id="T50",
        duty="Independent reviewing officer's concern answered at its stage",
        starts="the concern raised, or escalated to this stage",
        stops="the stage resolved or escalated",
        limit=5,
        unit=Unit.WORKING_DAYS,
        source="Local standard: the IRO Handbook (DfE 2010, chapter 7) requires every council to have a formal "
        "dispute resolution process for the IRO's concerns, with timescales the council sets; councils' "
        "protocols commonly give each stage (informal, then stages 1 to 3) 5 working days for a response",
        citation="local standard, IRO Handbook 2010",
        local_standard_allowed=True,
    ),
    Rule(
        id="T51",
        duty="Decision to look after the child approved after an emergency start",
        starts="the child becoming looked after in an emergency, before the decision was approved",
        stops="the decision approved by the service manager or director",
        limit=1,
        unit=Unit.WORKING_DAYS,
        source="Local standard: councils' procedures give the decision to look after a child to a senior "
        "manager (the council's threshold: a service manager or the director); when a child must be looked "
        "after in an emergency (out of hours, or under police protection), the decision is ratified by that "
        "manager on the next working day",
        citation="local standard",
        local_standard_allowed=True,
    ),
)

RULES_BY_ID = {rule.id: rule for rule in RULES}


def rule(rule_id: str) -> Rule:
    return RULES_BY_ID[rule_id]


def due(rule: Rule, start, calendar: WorkingCalendar, limit: int | None = None):
    """When the duty falls due: a datetime for hour rules (from an aware datetime), else a date.

    Hour limits count true elapsed time, so a contact received at 00:30 on the night the clocks go
    back is due 24 real hours later, not 24 wall-clock hours.
    """
    limit = rule.limit if limit is None else limit
    if rule.unit is Unit.HOURS:
        return _add_elapsed_hours(start, limit)
    if isinstance(start, datetime.datetime):
        raise TypeError(f"{rule.id} counts days: start from a date, not a time")
    if rule.unit is Unit.WORKING_DAYS:
        return calendar.add_working_days(start, limit)
    if rule.unit is Unit.CALENDAR_DAYS:
        return start + datetime.timedelta(days=limit)
    if rule.unit is Unit.TERMS:
        return term_end(start, limit)
    return add_months(start, limit)


def met(rule: Rule, start, stop, calendar: WorkingCalendar, limit: int | None = None) -> bool:
    """Whether the stopping event happened on or before the due date (or time)."""
    return stop <= due(rule, start, calendar, limit)


def _add_elapsed_hours(start: datetime.datetime, hours: int) -> datetime.datetime:
    if start.tzinfo is None:
        raise ValueError("hour rules need a timezone-aware start")
    utc = start.astimezone(datetime.UTC) + datetime.timedelta(hours=hours)
    return utc.astimezone(start.tzinfo)
