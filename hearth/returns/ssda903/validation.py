"""The DfE's SSDA903 validator, called as councils run it: `csc-validator-be-903` (package
`lac_validator`, rules for 2025-26) in its own virtual environment (.venv-validators, from
requirements/validators.txt; it pins old pandas and numpy), through a subprocess running runner.py.
Never re-implemented: Hearth reads what the tool says and sorts it into failures and the rules the
tool could not check.

The tool's known defects (version 0.1.17) are reported as "the validator could not check", with the
reason, never as the child's error and never hidden:
- a rule that raises on the data (231 and 233 raise on CSV input): the tool's own `fails` list;
- rule 1001 drops young people aged 20 or over at the collection's end before it counts their care,
  so it flags every OC3 row of a 20- or 21-year-old, whatever their history;
- rule 1002 sees only this year's and last year's episodes (its own message says it "may generate
  false positives if a child had episodes prior to last year's collection"): a care leaver who left
  care before last year's collection is flagged. Hearth holds the whole history, so such a row is
  reported as not checked only when the record shows the young person's care before those two years;
- rules 575 and 577 on a Missing row the tool flags only because rule 365 ran before them: rule 365
  writes the year's end into every blank DEC of the Episodes table, through a shallow copy, so the
  rules after it see a placement episode open on 31 March as ended then, and fail a missing episode
  still open then. The runner runs 575 and 577 again alone on the same files; a row they flag in the
  full run but not alone is the defect's, shown as not checked; a row they flag alone too is the
  child's error;
- rule SW12STG2 asks that a child looked after on 31 March have every social worker episode of the
  year reported, "even those whilst they were not looked after", but fails a care episode if ANY
  of the child's social worker episodes started before the care began (for an episode starting
  care) or after it ended (for one ending care): the very episodes its message asks for. A flag on
  an episode whose start (or end) of care a reported social worker episode covers is the tool's,
  shown as not checked; so is a flag on a child not looked after on 31 March (the rule's message,
  like SW01STG1 and SW17STG2, is about children looked after then, and the file holds only them); a
  flag on a child looked after on 31 March that no reported episode covers (e.g. no social worker
  at all) is the child's error.
"""

import base64
import csv
import datetime
import io
from pathlib import Path

from hearth.care.models import PeriodOfCare
from hearth.core import collection_years
from hearth.people.characteristics_selectors import birthday
from hearth.people.models import parse_hearth_id
from hearth.returns.validator_process import (  # noqa: F401 (the result's types, read from here too)
    Failure,
    NotChecked,
    ValidationResult,
    ValidatorUnavailable,
    failures_and_crashes,
    rule_order,
    run_runner,
)

RUNNER = Path(__file__).with_name("runner.py")
RULE_1002_LIMIT = (
    "Rule 1002 looks for the young person's episodes only in this year's and last year's files; the record "
    "shows their care ended before last year's collection began, which the tool cannot see (its own note: "
    "false positives for a child whose episodes were before last year's collection)."
)
RULE_1001_DEFECT = (
    "Rule 1001 of csc-validator-be-903 0.1.17 leaves out young people aged 20 or over on 31 March "
    "before it adds up their time in care, so it flags every OC3 row of a 20- or 21-year-old "
    "whatever their history: a known defect of the tool, not this young person's error."
)

RULE_365_DEFECT = (
    "Rule {rule} of csc-validator-be-903 0.1.17 reads the Episodes file after rule 365 has written the "
    "year's end into every blank end date (DEC) in it, so a placement episode still open on 31 March looks "
    "ended then and a missing episode still open then is flagged. Run alone on the same files, the rule "
    "does not flag this row: a known defect of the tool, not this child's error."
)
ORDER_DEPENDENT_RULES = ("575", "577")
RULE_SW12_DEFECT = (
    "Rule SW12STG2 of csc-validator-be-903 0.1.17 fails a care episode when any of the child's social "
    "worker episodes started before the care began or after it ended, though its message asks for those "
    'too ("even those whilst they were not looked after"). A social worker episode in the return covers '
    "this episode's start or end of care: a known defect of the tool, not this child's error."
)
RULE_SW12_SCOPE = (
    "Rule SW12STG2 of csc-validator-be-903 0.1.17 fails the episodes of children who left care in the year "
    "when they have no social worker episodes, though its message (like SW01STG1 and SW17STG2) is about "
    "children looked after on 31 March, the only children the SWEpisodes file holds: not this child's error."
)


def run_validator(files: list[dict], *, collection_year: int, la_code: str) -> dict:
    """Run runner.py with the validators' Python; the JSON it prints."""
    request = {"collection_year": str(collection_year), "local_authority": la_code, "files": files}
    return run_runner(RUNNER, request)


def validate_903(
    this_year: dict[str, bytes],
    previous_year: dict[str, bytes] | None,
    *,
    collection_year: int,
    la_code: str,
) -> ValidationResult:
    """Validate a return (file name -> CSV bytes) for the collection year ending 31 March
    `collection_year`, with last year's return if given, for the council `la_code` (its ONS code,
    e.g. E06000018), as the DfE's tool does."""
    files = [_upload(name, content, "This year") for name, content in this_year.items()]
    files += [_upload(name, content, "Prev year") for name, content in (previous_year or {}).items()]
    output = run_validator(files, collection_year=collection_year, la_code=la_code)
    messages = output["messages"]
    failures, not_checked = failures_and_crashes(output)
    twenty_or_over = _oc3_rows_aged_20_or_over(this_year, collection_year)
    defect = [f for f in failures if f.rule == "1001" and f.file == "OC3" and f.row in twenty_or_over]
    if defect:
        failures = [f for f in failures if f not in defect]
        not_checked.append(
            NotChecked(rule="1001", description=messages.get("1001", ""), reason=RULE_1001_DEFECT, rows=tuple(defect))
        )
    for rule in ORDER_DEPENDENT_RULES:
        if rule not in output.get("alone", {}):
            continue
        alone = {(file, row) for file, row in output["alone"][rule]}
        defect = [f for f in failures if f.rule == rule and (f.file, f.row) not in alone]
        if defect:
            failures = [f for f in failures if f not in defect]
            not_checked.append(
                NotChecked(
                    rule=rule,
                    description=messages.get(rule, ""),
                    reason=RULE_365_DEFECT.format(rule=rule),
                    rows=tuple(defect),
                )
            )
    sw12 = [f for f in failures if f.rule == "SW12STG2"]
    out_of_scope = _flags_on_children_not_looked_after_on_31_march(this_year, sw12)
    covered = _sw12_flags_covered_by_a_social_worker(this_year, [f for f in sw12 if f not in out_of_scope])
    for rows, reason in ((covered, RULE_SW12_DEFECT), (out_of_scope, RULE_SW12_SCOPE)):
        if rows:
            failures = [f for f in failures if f not in rows]
            not_checked.append(
                NotChecked(rule="SW12STG2", description=messages.get("SW12STG2", ""), reason=reason, rows=tuple(rows))
            )
    earlier = _looked_after_only_before(
        {f.child for f in failures if f.rule == "1002" and f.file == "OC3"}, datetime.date(collection_year - 2, 4, 1)
    )
    unseen = [f for f in failures if f.rule == "1002" and f.file == "OC3" and f.child in earlier]
    if unseen:
        failures = [f for f in failures if f not in unseen]
        not_checked.append(
            NotChecked(rule="1002", description=messages.get("1002", ""), reason=RULE_1002_LIMIT, rows=tuple(unseen))
        )
    return ValidationResult(
        failures=failures, not_checked=not_checked, rules_run=output["rules_run"], rules_skipped=output["rules_skipped"]
    )


def _looked_after_only_before(hearth_ids: set[str], day: datetime.date) -> set[str]:
    """Of these children (by Hearth ID), those whose every period of care ended before `day`: the
    record holds episodes the tool was not given."""
    ids = {pk: hearth_id for hearth_id in hearth_ids if (pk := parse_hearth_id(hearth_id)) is not None}
    if not ids:
        return set()
    periods = PeriodOfCare.objects.filter(child_id__in=ids).values_list("child_id", "ended_on")
    latest: dict[int, datetime.date | None] = {}
    for child_id, ended_on in periods:
        if child_id in latest and (latest[child_id] is None or ended_on is None):
            latest[child_id] = None
        else:
            latest[child_id] = ended_on if child_id not in latest else max(latest[child_id], ended_on)
    return {ids[pk] for pk, ended in latest.items() if ended is not None and ended < day}


def _upload(name: str, content: bytes, description: str) -> dict:
    file_name = name if name.lower().endswith(".csv") else f"{name}.csv"
    return {"name": file_name, "description": description, "content": base64.b64encode(content).decode()}


def _rows(files: dict[str, bytes], name: str) -> list[dict[str, str]]:
    content = next((content for file, content in files.items() if file.removesuffix(".csv") == name), None)
    return list(csv.DictReader(io.StringIO(content.decode("utf-8")))) if content is not None else []


def _dfe_day(text: str) -> datetime.date | None:
    try:
        return datetime.datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        return None


def _flags_on_children_not_looked_after_on_31_march(files: dict[str, bytes], flags: list[Failure]) -> list[Failure]:
    """The flags on Episodes rows of children with no episode open on 31 March other than a short
    break (the DfE's CLA_AT_31_MARCH: DEC blank and LS not V3 or V4)."""
    episodes = _rows(files, "Episodes")
    looked_after = {row["CHILD"] for row in episodes if not row.get("DEC") and row.get("LS") not in ("V3", "V4")}
    return [
        flag
        for flag in flags
        if flag.file == "Episodes"
        and flag.row is not None
        and 0 <= flag.row < len(episodes)
        and episodes[flag.row]["CHILD"] not in looked_after
    ]


def _sw12_flags_covered_by_a_social_worker(files: dict[str, bytes], flags: list[Failure]) -> list[Failure]:
    """Of rule SW12STG2's flags on Episodes rows, those where a social worker episode in this
    year's SWEpisodes file was open on the day the flagged episode started care (RNE S) or, for an
    episode ending care, on the day it ended: the social worker the rule looks for is reported."""
    episodes = _rows(files, "Episodes")
    by_child: dict[str, list[tuple[datetime.date, datetime.date | None]]] = {}
    for row in _rows(files, "SWEpisodes"):
        start = _dfe_day(row.get("SW_DECOM", ""))
        if start is not None:
            by_child.setdefault(row["CHILD"], []).append((start, _dfe_day(row.get("SW_DEC", ""))))
    covered = []
    for flag in flags:
        if flag.file != "Episodes" or flag.row is None or not 0 <= flag.row < len(episodes):
            continue
        episode = episodes[flag.row]
        day = _dfe_day(episode["DECOM"]) if episode.get("RNE") == "S" else _dfe_day(episode.get("DEC", ""))
        workers = by_child.get(episode["CHILD"], [])
        if day is not None and any(start <= day and (end is None or end >= day) for start, end in workers):
            covered.append(flag)
    return covered


def _oc3_rows_aged_20_or_over(files: dict[str, bytes], collection_year: int) -> set[int]:
    """The rows of this year's OC3 file whose young person is 20 or over on 31 March (rule 1001's
    own test: DOB + 20 years on or before the collection's end)."""
    content = next((content for name, content in files.items() if name.removesuffix(".csv") == "OC3"), None)
    if content is None:
        return set()
    end = collection_years.year_end(collection_year)
    rows = set()
    for index, row in enumerate(csv.DictReader(io.StringIO(content.decode("utf-8")))):
        try:
            born = datetime.datetime.strptime(row.get("DOB", ""), "%d/%m/%Y").date()
        except ValueError:
            continue
        if birthday(born, 20) <= end:
            rows.add(index)
    return rows
