"""Runs the DfE's CIN census validator (csc-validator-be-cin, package `cin_validator`) on a census
file and prints what it found as JSON. Each year is checked with that year's rules (cin2025_26 for
the census ending 31 March 2026). Executed by the validators' own Python (.venv-validators), never
imported by Hearth: it must not import Django or anything of Hearth's.

Input on stdin, JSON: {"collection_year": "2026", "content": "<base64 of the XML>", "reading": "hearth",
"batch_children": 250, "workers": 2} (all but the first two optional: below).
Output on stdout, JSON: {"rules_run": [...], "crashed": {code: reason}, "messages": {code: message},
"failures": [{"rule", "description", "child", "file", "row", "columns"}], "reading": "hearth" or "tool"}.

The tool's own command (`python -m cin_validator run FILE -r cin2025_26`) does this: parse the XML,
convert_data, process_data, then CinValidator with the year's registry; its full_issue_df holds the
child-level failures, multichild_issues the return-level ones (the Header and the LA-level rules).
The runner does the same, with one difference, for speed, not for what is checked: how the XML
becomes the tables the rules read.

- "reading": "hearth" (the default): reading.py makes the tables in one pass, the same tables as the
  tool's convert_data, cell for cell (see reading.py for how, and what it leaves to the tool). About
  a hundredth of the tool's reading's time (docs/performance.md). For a file it does not model, or
  another version of the tool or pandas (or should the reading itself fail), the tool's own reading
  is used instead, and the output says so ("reading": "tool").
- "reading": "tool": the tool's convert_data (its XMLtoCSV), which adds each child to its tables with
  a pandas concat of the whole table so far, so its cost grows with the square of the children. The
  runner gives it the children BATCH_CHILDREN at a time, each batch with the file's Header, read by
  as many processes as there are cores (at most MAX_WORKERS; "workers" in the request), and joins the
  batches' tables once: the same tool code on smaller inputs, the same tables (the tool's IDs are
  counted within each child, so a batch boundary changes none). "batch_children": 0 gives the tool
  the whole file at once, as its own command does.

Either way process_data and every rule of the year then run on the whole census, unchanged.
"mode": "compare_readings" makes both readings of the file and prints where they differ (for the
tests and the bench) instead of validating.
"""

import base64
import concurrent.futures
import contextlib
import importlib
import io
import json
import multiprocessing
import os
import re
import sys
import xml.etree.ElementTree as ET
from concurrent.futures.process import BrokenProcessPool

try:
    import reading  # run as a script (by the validators' Python): this file's directory is on the path
except ImportError:  # imported by Hearth's tests (registry_module): the module as part of the package
    from hearth.returns.cin_census import reading

CRASH = re.compile(r"^Error with rule (\S+): (.*)$")

# Children per call of the tool's convert_data: small enough that its per-child concat stays cheap,
# large enough that the calls' own overhead is nothing (docs/performance.md: 100 to 1,000 compared).
BATCH_CHILDREN = 250
# Processes reading the batches at once: the cores there are, at most this many.
MAX_WORKERS = 4


def registry_module(collection_year: int) -> str:
    """The tool's rules for the census ending 31 March `collection_year`: 2026 is cin2025_26."""
    return f"cin_validator.rules.cin{collection_year - 1}_{collection_year % 100:02d}"


def census_tables(root: ET.Element, batch_children: int = BATCH_CHILDREN, workers: int = 1) -> dict:
    """The census's tables as the tool's convert_data makes them, made `batch_children` children at a
    time and joined (0: the whole file in one call, as the tool's own command does); the batches
    read by up to `workers` processes at once (each batch is independent of the others)."""
    import pandas as pd
    from cin_validator import cin_validator

    children = list(root.find("Children"))
    if not batch_children or len(children) <= batch_children:
        return cin_validator.convert_data(root)
    parts = []
    for start in range(0, len(children), batch_children):
        part = ET.Element(root.tag)
        part.append(root.find("Header"))
        ET.SubElement(part, "Children").extend(children[start : start + batch_children])
        parts.append(part)
    batches = _convert_all(parts, workers)
    return {
        name: batches[0][name] if name == "Header" else pd.concat([batch[name] for batch in batches], ignore_index=True)
        for name in batches[0]
    }


_PARTS: list = []  # the batches, for the forked workers to read (a fork shares them; nothing is copied)


def _convert_part(index: int) -> dict:
    from cin_validator import cin_validator

    return cin_validator.convert_data(_PARTS[index])


def _convert_all(parts: list, workers: int) -> list[dict]:
    """Each batch through the tool's convert_data, in order; in `workers` forked processes when more
    than one (the tables come back pickled, in the batches' order)."""
    global _PARTS
    _PARTS = parts
    if workers <= 1 or len(parts) == 1:
        return [_convert_part(index) for index in range(len(parts))]
    context = multiprocessing.get_context("fork")
    try:
        with concurrent.futures.ProcessPoolExecutor(max_workers=min(workers, len(parts)), mp_context=context) as pool:
            return list(pool.map(_convert_part, range(len(parts))))
    except (OSError, BrokenProcessPool):
        # No process could be started (a limit on processes or memory): the same batches, one by one.
        return [_convert_part(index) for index in range(len(parts))]


def default_workers() -> int:
    """The cores this process may use, at most MAX_WORKERS."""
    return max(1, min(len(os.sched_getaffinity(0)), MAX_WORKERS))


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
    batch_children = int(request.get("batch_children", BATCH_CHILDREN))
    workers = int(request.get("workers", default_workers()))
    if request.get("mode") == "compare_readings":
        json.dump(compare_readings(root, batch_children, workers), out)
        return
    tables = None
    if request.get("reading", "hearth") == "hearth":
        try:
            tables = reading.tables(root)
        except Exception as error:  # noqa: BLE001 - a fault in the runner's own reading must not stop the check
            print(f"Hearth's reading of the census failed, the tool's own is used: {error!r}", file=sys.stderr)
    used = "hearth" if tables is not None else "tool"
    if tables is None:
        tables = census_tables(root, batch_children, workers)
    data = cin_validator.process_data(tables)
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
            "reading": used,
        },
        out,
    )


def compare_readings(root: ET.Element, batch_children: int, workers: int) -> dict:
    """Hearth's reading of the file against the tool's, strictly (reading.differences): whether
    Hearth's models the file at all, and every cell that differs (none, if it is right)."""
    ours = reading.tables(root)
    theirs = census_tables(root, batch_children, workers)
    return {
        "modelled": ours is not None,
        "differences": reading.differences(ours, theirs) if ours is not None else [],
        "column_orders": {name: reading.frame_order(name) for name in reading.TABLES if name != "Header"},
        "rows": {name: len(table) for name, table in theirs.items()},
    }


if __name__ == "__main__":
    main()
