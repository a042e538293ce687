"""Each rule of the DfE's CIN census validator timed alone on one census file, to find the rules
whose cost grows faster than the file (issue 15: the validator at 10,000 children in need).

Run with the validators' Python (it imports the DfE's package, `cin_validator`, never Django):
    .venv-validators/bin/python bench/census_rules.py FILE.xml [FILE.xml ...] [--year 2027] [--top 15]

Make the files with `bench/census.py --save-file` (the council's census with its children repeated
to the size asked for). For each file the script parses the XML and prepares the tables as the tool's
own command does (convert_data, process_data; convert_data both on the whole file and in Hearth's
runner's batches, and the runner's own one-pass reading (reading.py), each timed and the tables
compared strictly with the tool's), then runs each rule of the year's registry as
CinValidator.create_issue_report_df runs it: a deep copy of the tables, then the rule's function with
a fresh RuleContext. The copy and the rule are timed apart (CPU of this process: time.process_time).
Then the whole CinValidator (every rule, and its report on the failures) is timed once, to compare
the sum of the rules with the tool's own run.

With several files, the rules are listed against each file's size and the growth between the
first and the last (time ratio over size ratio: 1 is linear, 2 is quadratic)."""

import argparse
import copy
import importlib
import math
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

from cin_validator import cin_validator
from cin_validator.rule_engine import RuleContext

# Hearth's runner (it imports nothing of Hearth's or Django's): its batched reading of the file.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hearth" / "returns" / "cin_census"))
import reading  # noqa: E402
from runner import census_tables  # noqa: E402


def registry_for(year: int):
    return importlib.import_module(f"cin_validator.rules.cin{year - 1}_{year % 100:02d}").registry


def timed(function, *args):
    started = time.process_time()
    result = function(*args)
    return time.process_time() - started, result


def issues_of(ctx: RuleContext) -> int:
    return sum(
        len(found)
        for found in (
            ctx.type_zero_issues,
            ctx.type_one_issues,
            ctx.type_two_issues,
            ctx.type_three_issues,
            ctx.la_level_issues,
        )
    )


def same_tables(whole: dict, batched: dict) -> bool:
    return whole.keys() == batched.keys() and all(
        whole[name].equals(batched[name])
        and list(whole[name].columns) == list(batched[name].columns)
        and whole[name].index.equals(batched[name].index)
        and (whole[name].dtypes == batched[name].dtypes).all()
        for name in whole
    )


def measure(path: Path, registry, *, whole_file: bool) -> dict:
    root = ET.parse(path).getroot()  # noqa: S314 (a file the bench made from Hearth's own export)
    children = len(root.find("Children"))
    # The tool's convert_data on the whole file (as its own command runs it), and Hearth's runner's
    # batches of it: timed apart, and the tables compared.
    whole_cpu, whole = timed(cin_validator.convert_data, root) if whole_file else (None, None)
    batched_cpu, batched = timed(census_tables, root)
    same = same_tables(whole, batched) if whole_file else None
    hearth_cpu, ours = timed(reading.tables, root)
    ours_differ = reading.differences(ours, whole if whole_file else batched)
    prepare_cpu, data = timed(cin_validator.process_data, batched)
    enum_data = cin_validator.enum_keys(data)
    rules = {}
    copies = 0.0
    for rule in registry.values():
        copy_cpu, tables = timed(copy.deepcopy, enum_data)
        copies += copy_cpu
        ctx = RuleContext(rule)
        started = time.process_time()
        try:
            rule.func(tables, ctx)
            outcome = issues_of(ctx)
        except Exception as error:  # noqa: BLE001 (the tool prints and goes on; so does the bench)
            outcome = f"raised {type(error).__name__}"
        rules[str(rule.code)] = (time.process_time() - started, outcome)
    validator_cpu, _ = timed(cin_validator.CinValidator, data, registry)
    return {
        "children": children,
        "convert_whole": whole_cpu,
        "convert_batched": batched_cpu,
        "same_tables": same,
        "convert_hearth": hearth_cpu,
        "hearth_differences": len(ours_differ),
        "prepare": prepare_cpu,
        "copies": copies,
        "rules": rules,
        "validator": validator_cpu,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--year", type=int, default=2027, help="the census year's end: 2027 is cin2026_27")
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument(
        "--no-whole-file", action="store_true", help="skip the tool's convert_data on the whole file (slow when large)"
    )
    args = parser.parse_args()
    registry = registry_for(args.year)
    runs = []
    for path in args.files:
        run = measure(path, registry, whole_file=not args.no_whole_file)
        runs.append(run)
        rules_cpu = sum(cpu for cpu, _ in run["rules"].values())
        whole = "not run" if run["convert_whole"] is None else f"{run['convert_whole']:.1f} s"
        print(
            f"{path.name}: {run['children']:,} children; convert_data on the whole file {whole}, "
            f"in the runner's batches {run['convert_batched']:.1f} s (the same tables: {run['same_tables']}); "
            f"the runner's own reading {run['convert_hearth']:.2f} s ({run['hearth_differences']} cells differ "
            f"from the tool's); "
            f"process_data {run['prepare']:.1f} s; {len(run['rules'])} deep copies {run['copies']:.1f} s, "
            f"the rules {rules_cpu:.1f} s; CinValidator as a whole (copies, rules, report) {run['validator']:.1f} s "
            f"(CPU)",
            flush=True,
        )
    last = runs[-1]
    order = sorted(last["rules"], key=lambda code: last["rules"][code][0], reverse=True)
    sizes = " | ".join(f"{run['children']:,}" for run in runs)
    print(f"\nrule | CPU s at {sizes} children | growth | issues at the largest")
    for code in order[: args.top]:
        times = [run["rules"][code][0] for run in runs]
        growth = ""
        if len(runs) > 1 and times[0] > 0 and times[-1] > 0:
            growth = f"{math.log(times[-1] / times[0]) / math.log(runs[-1]['children'] / runs[0]['children']):.1f}"
        print(f"{code} | " + " | ".join(f"{t:.2f}" for t in times) + f" | {growth} | {last['rules'][code][1]}")
    rest = sum(last["rules"][code][0] for code in order[args.top :])
    print(f"the other {len(order) - args.top} rules together: {rest:.2f} s at {last['children']:,} children")


if __name__ == "__main__":
    main()
