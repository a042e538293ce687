"""Runs the DfE's SSDA903 validator (csc-validator-be-903, package `lac_validator`) on a return and
prints what it found as JSON. Each year is checked with that year's rules.
Executed by the validators' own Python (.venv-validators), never
imported by Hearth: it must not import Django or anything of Hearth's.

Input on stdin, JSON: {"collection_year": "2026", "local_authority": "E06000018",
"files": [{"name": "Header.csv", "description": "This year" | "Prev year", "content": "<base64>"}]}.
Output on stdout, JSON: {"rules_run": [...], "rules_skipped": [...], "crashed": {code: reason},
"failures": [{"rule", "description", "child", "file", "row", "columns"}], "alone": {code: [[file,
row], ...]}} ("alone": what each rule in RUN_ALONE that failed finds when run by itself).

The tool's own documentation runs it this way: LacValidator with the year's rule registry, then a
Report and create_issue_df. collectionYear is the year the collection ends ("2026" for 2025-26).
"""

import base64
import importlib
import json
import logging
import sys


def registry_module(collection_year: int) -> str:
    """The tool's rules for the collection year ending 31 March `collection_year`: 2026 is
    lac2025_26 (the 2022-23 set with each later year's changes), 2025 is lac2024_25."""
    return f"lac_validator.rules.lac{collection_year - 1}_{collection_year % 100:02d}"


class CrashedRules(logging.Handler):
    """The validator logs each rule that raised ("Rule code X failed to run!") with the exception:
    keep the reason, so a crashed rule is reported as one the validator could not check."""

    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.reasons = {}

    def emit(self, record):
        message = record.getMessage()
        if message.startswith("Rule code ") and record.exc_info:
            code = message[len("Rule code ") :].split(" ", 1)[0]
            error = record.exc_info[1]
            self.reasons[code] = f"{type(error).__name__}: {error}"


# Rules whose result depends on the rules run before them in 0.1.17: rule 365 writes the year's end
# into every blank DEC of the Episodes table it is given, a shallow copy whose data every later rule
# reads, so 575 and 577 see a placement episode open on 31 March as ended then. They are run again
# alone, on the files as given; validation.py compares the two.
RUN_ALONE = ("575", "577")


def issue_rows(validator, registry) -> list[dict]:
    """The validator's failures, one a (rule, file, row), with their columns, as the tool's own
    Report and create_issue_df give them."""
    from lac_validator import lac_validator
    from lac_validator.report import Report

    report = Report(validator.ds_results, registry)
    if not any(column.startswith("ERR_") for column in report.report.columns):
        return []
    issues = lac_validator.create_issue_df(report.report, report.error_report)
    grouped = {}
    for issue in issues.to_dict("records"):
        key = (issue["rule_code"], issue["tables_affected"], int(issue["row_id"]))
        found = grouped.setdefault(
            key,
            {
                "rule": str(issue["rule_code"]),
                "description": str(issue["rule_description"]),
                "child": "" if issue["child_id"] != issue["child_id"] else str(issue["child_id"]),
                "file": str(issue["tables_affected"]),
                "row": int(issue["row_id"]),
                "columns": [],
            },
        )
        if isinstance(issue["columns_affected"], str) and issue["columns_affected"] not in found["columns"]:
            found["columns"].append(issue["columns_affected"])
    return list(grouped.values())


def main() -> None:
    request = json.load(sys.stdin)
    out = sys.stdout
    sys.stdout = sys.stderr  # the tool prints as it goes: only the JSON goes to stdout
    from lac_validator import lac_validator

    logging.getLogger().setLevel(logging.ERROR)
    crashed = CrashedRules()
    logging.getLogger("lac_validator.lac_validator").addHandler(crashed)
    logging.getLogger("lac_validator.lac_validator").propagate = False

    registry = importlib.import_module(registry_module(int(request["collection_year"]))).registry
    files = [
        {"name": f["name"], "description": f["description"], "file_content": base64.b64decode(f["content"])}
        for f in request["files"]
    ]

    def metadata():  # the tool adds to the dict it is given: a fresh one for each run
        return {"collectionYear": str(request["collection_year"]), "localAuthority": request["local_authority"]}

    validator = lac_validator.LacValidator(metadata=metadata(), files=files, registry=registry)
    failures = issue_rows(validator, registry)
    alone = {}
    for code in RUN_ALONE:
        if code in registry and any(f["rule"] == code for f in failures):
            by_itself = lac_validator.LacValidator(
                metadata=metadata(), files=files, registry=registry, selected_rules=[code]
            )
            alone[code] = [[f["file"], f["row"]] for f in issue_rows(by_itself, registry) if f["rule"] == code]
    messages = {str(code): str(rule.message) for code, rule in registry.items()}
    json.dump(
        {
            "rules_run": sorted(str(code) for code in validator.dones),
            "rules_skipped": sorted(str(code) for code in validator.skips),
            "crashed": {
                str(code): crashed.reasons.get(str(code), "the rule raised an error") for code in validator.fails
            },
            "messages": messages,
            "failures": failures,
            "alone": alone,
        },
        out,
    )


if __name__ == "__main__":
    main()
