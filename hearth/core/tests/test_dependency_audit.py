"""The dependency audit's verdict (scripts/audit-dependencies.py) on pip-audit's JSON reports: a
report where the database answered for nothing must never read as a clean audit."""

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "audit-dependencies.py"
_spec = importlib.util.spec_from_file_location("audit_dependencies", SCRIPT)
audit_dependencies = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(audit_dependencies)
verdict = audit_dependencies.verdict

CLEAN = {"name": "django", "version": "5.2.19", "vulns": []}
SKIPPED = {"name": "segno", "skip_reason": "Dependency not found on PyPI and could not be audited: segno (1.6.6)"}
VULNERABLE = {
    "name": "examplepkg",
    "version": "1.0",
    "vulns": [{"id": "PYSEC-0000-0", "fix_versions": ["1.0.1"], "aliases": []}],
}


def test_every_package_looked_up_and_none_vulnerable_passes():
    status, message = verdict({"dependencies": [CLEAN]}, audit_required=True)
    assert status == 0
    assert "no known vulnerabilities in the 1 installed packages" in message


def test_a_known_vulnerability_fails_whether_or_not_the_audit_is_required():
    for required in (True, False):
        status, message = verdict({"dependencies": [CLEAN, VULNERABLE, SKIPPED]}, audit_required=required)
        assert status == 1
        assert "examplepkg 1.0: PYSEC-0000-0 (fixed in 1.0.1)" in message


def test_packages_that_could_not_be_looked_up_are_never_called_clean():
    status, message = verdict({"dependencies": [CLEAN, SKIPPED]}, audit_required=False)
    assert status == 0  # a warning: this build machine may not reach the database
    assert "INCOMPLETE: 1 of 2" in message
    assert "segno" in message
    assert "no known vulnerabilities" not in message


def test_packages_that_could_not_be_looked_up_fail_when_the_audit_is_required():
    status, message = verdict({"dependencies": [SKIPPED]}, audit_required=True)
    assert status == 1
    assert "NOT audited" in message


def test_a_long_list_of_packages_not_looked_up_is_named_in_part_and_counted():
    skipped = [{"name": f"package{n}", "skip_reason": "not found"} for n in range(8)]
    status, message = verdict({"dependencies": skipped}, audit_required=False)
    assert "INCOMPLETE: 8 of 8" in message
    assert "package4" in message and "package5" not in message
    assert "... and 3 more" in message
