"""The Returns page's run with the real exporter and the DfE's real validator (no stand-ins): a
looked-after child whose ethnicity is not recorded, so rule 103 is stored against them, and the
validator's known defects are stored as rules it could not check."""

import datetime

from hearth.returns import runner, services
from hearth.returns.models import RunStatus
from hearth.testing.journeys import foster_placement, looked_after_child, new_child

D = datetime.date


def test_a_run_exports_and_validates_the_record_and_stores_what_the_validator_found(staff):
    child = new_child(staff, "Ezra", "Lindqvist", born=D(2015, 6, 1))
    looked_after_child(staff, child, D(2025, 1, 6), placement=foster_placement(urn="SC111111", postcode="NG1 1AA"))
    run = services.return_run_request(actor=staff.performance_officer, collection_year=2026)
    runner.run_903(run.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE, run.error
    assert {(f.rule_code, f.child_id, f.file) for f in run.failures.all()} >= {("103", child.pk, "Header")}
    assert {"231", "233"} <= {n.rule_code for n in run.rules_not_checked.all()}
    assert run.rules_run > 200
