"""Runs the DfE's CIN census validator (csc-validator-be-cin, package `cin_validator`) on a census
file and prints what it found as JSON. Each year is checked with that year's rules (cin2025_26 for
the census ending 31 March 2026). Executed by the validators' own Python (.venv-validators), never
imported by Hearth: it must not import Django or anything of Hearth's.

Input on stdin, JSON: {"collection_year": "2026", "content": "<base64 of the XML>"}.
Output on stdout, JSON: {"rules_run": [...], "crashed": {code: reason}, "messages": {code: message},
"failures": [{"rule", "description", "child", "file", "row", "columns"}]}.

The tool's own command (`python -m cin_validator run FILE -r cin2025_26`) does this: parse the XML,
convert_data, process_data, then CinValidator with the year's registry; its full_issue_df holds the
child-level failures, multichild_issues the return-level ones (the Header and the LA-level rules).
"""

import base64
import contextlib
import importlib
import io
import json
import re
import sys
import xml.etree.ElementTree as ET

CRASH = re.compile(r"^Error with rule (\S+): (.*)$")


def registry_module(collection_year: int) -> str:
    """The tool's rules for the census ending 31 March `collection_year`: 2026 is cin2025_26."""
    return f"cin_validator.rules.cin{collection_year - 1}_{collection_year % 100:02d}"


def _text(value) -> str:
    return "" if value is None or value != value else str(value)  # NaN is not equal to itself


def main() -> None:
    request = json.load(sys.stdin)
    out = sys.stdout
    sys.stdout = sys.stderr  # the tool prints as it goes: only the JSON goes to stdout
    from cin_validator import cin_validator

    registry = importlib.import_module(registry_module(int(request["collection_year"]))).registry
    # The file is one Hearth made (export.py), parsed as the tool's own command parses it (ElementTree).
    root = ET.fromstring(base64.b64decode(request["content"]))  # noqa: S314
    data = cin_validator.process_data(cin_validator.convert_data(root))
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):  # a rule that raises is printed, not raised
        validator = cin_validator.CinValidator(data, registry)
    crashed = {}
    for line in printed.getvalue().splitlines():
        if match := CRASH.match(line.strip()):
            crashed[match.group(1)] = match.group(2)
    grouped = {}
    for issue in validator.full_issue_df.to_dict("records"):
        row = issue["row_id"]
        key = (str(issue["rule_code"]), _text(issue["tables_affected"]), 0 if row != row else int(row))
        found = grouped.setdefault(
            key,
            {
                "rule": key[0],
                "description": _text(issue["rule_description"]),
                "child": _text(issue.get("child_id")),
                "file": key[1],
                "row": key[2],
                "columns": [],
            },
        )
        column = _text(issue["columns_affected"])
        if column and column not in found["columns"]:
            found["columns"].append(column)
    failures = list(grouped.values())
    seen = set()
    for issue in validator.multichild_issues.to_dict("records"):
        code = str(issue["rule_code"])
        if code not in seen:
            seen.add(code)
            failures.append(
                {
                    "rule": code,
                    "description": _text(issue["rule_description"]),
                    "child": "",
                    "file": "",
                    "row": 0,
                    "columns": [],
                }
            )
    messages = {str(code): str(rule.message) for code, rule in registry.items()}
    json.dump(
        {
            "rules_run": sorted(code for code in messages if code not in crashed),
            "crashed": crashed,
            "messages": messages,
            "failures": failures,
        },
        out,
    )


if __name__ == "__main__":
    main()
