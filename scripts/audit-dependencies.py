"""Audit every installed package of the project's virtual environment for known vulnerabilities
with pip-audit, and say plainly which of three things happened:

- a package has a known vulnerability: list it and fail (always);
- every package was looked up and none has one: say so;
- some or all packages could not be looked up (pip-audit skips them): list them. This is not a
  clean audit, so it never says "no known vulnerabilities". It fails when
  HEARTH_REQUIRE_DEPENDENCY_AUDIT=1, and otherwise warns, because some build machines cannot reach
  a vulnerability database at all (docs/security.md).

pip-audit alone would print "No known vulnerabilities found" and succeed when the database answered
for none of the packages; its --strict flag fails then, but cannot tell that apart from a real finding.
Extra arguments go to pip-audit (e.g. `--vulnerability-service osv`).
"""

import json
import os
import subprocess
import sys

PASSED, WARNED, FAILED = 0, 0, 1  # a warning does not stop the build unless the audit is required
LISTED_SKIPS = 5  # when the database is unreachable every package is skipped: name a few, count the rest


def verdict(report: dict, *, audit_required: bool) -> tuple[int, str]:
    """The exit status and the message for one pip-audit JSON report."""
    dependencies = report.get("dependencies", [])
    vulnerable = [d for d in dependencies if d.get("vulns")]
    skipped = [d for d in dependencies if "skip_reason" in d]
    audited = len(dependencies) - len(skipped)
    if vulnerable:
        lines = [f"Known vulnerabilities in {len(vulnerable)} installed package(s):"]
        for dependency in vulnerable:
            for vuln in dependency["vulns"]:
                fixed = ", ".join(vuln.get("fix_versions") or []) or "no fixed version yet"
                lines.append(f"  {dependency['name']} {dependency['version']}: {vuln['id']} (fixed in {fixed})")
        return FAILED, "\n".join(lines)
    if not skipped:
        return PASSED, f"Dependency audit: no known vulnerabilities in the {audited} installed packages."
    lines = [
        f"DEPENDENCY AUDIT INCOMPLETE: {len(skipped)} of {len(dependencies)} installed packages could not "
        "be looked up in the vulnerability database, so they are NOT audited:"
    ]
    lines += [f"  {d['name']}: {d['skip_reason']}" for d in skipped[:LISTED_SKIPS]]
    if len(skipped) > LISTED_SKIPS:
        lines.append(f"  ... and {len(skipped) - LISTED_SKIPS} more")
    if audit_required:
        return FAILED, "\n".join(lines)
    lines.append("Set HEARTH_REQUIRE_DEPENDENCY_AUDIT=1 to make this fail (see docs/security.md).")
    return WARNED, "\n".join(lines)


def run_pip_audit(extra_arguments: list[str]) -> dict | None:
    command = [sys.executable, "-m", "pip_audit", "--format", "json", "--progress-spinner", "off"]
    result = subprocess.run(command + extra_arguments, capture_output=True, text=True, check=False)  # noqa: S603
    try:
        return json.loads(result.stdout)
    except json.JSONDecodeError:
        print(result.stderr.strip() or "pip-audit printed no report.", file=sys.stderr)
        return None


def main() -> int:
    audit_required = os.environ.get("HEARTH_REQUIRE_DEPENDENCY_AUDIT") == "1"
    report = run_pip_audit(sys.argv[1:])
    if report is None:
        print("DEPENDENCY AUDIT DID NOT RUN (pip-audit failed; its error is above).", file=sys.stderr)
        return FAILED if audit_required else WARNED
    status, message = verdict(report, audit_required=audit_required)
    print(message, file=sys.stderr if status else sys.stdout)
    return status


if __name__ == "__main__":
    sys.exit(main())
