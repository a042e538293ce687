"""The 903 return's failures on workers' worklists: for each child on the worklist, each failure the
latest completed run found in their record ("903 return 2025-26: rule 103 — ..."), linking to the
child's page to put it right. The next run, nightly or on demand, takes it off once it is fixed."""

from django.urls import reverse
from django.utils import timezone

from hearth.returns.selectors import failures_for_children


def return_failure_items(referrals) -> list:
    from hearth.worklists.selectors import RecordToPutRight

    names = {referral.child_id: str(referral.child) for referral in referrals}
    run, failures = failures_for_children(names.keys())
    if run is None:
        return []
    checked = timezone.localtime(run.finished_at)
    found_by = f"The DfE's 903 validator, {run.year_label} return checked {checked:%-d %b %Y %H:%M}"
    items = []
    for failure in failures:
        where = f" ({failure.file}, row {failure.row})" if failure.file and failure.row is not None else ""
        items.append(
            RecordToPutRight(
                child_id=failure.child_id,
                child_name=names[failure.child_id],
                what=f"903 return {run.year_label}: rule {failure.rule_code} — {failure.message}{where}",
                found_by=found_by,
                url=reverse("people:child_detail", args=[failure.child_id]),
            )
        )
    return items
