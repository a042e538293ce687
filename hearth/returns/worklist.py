"""The returns' failures on workers' worklists: for each child on the worklist, each failure the latest
completed run of each return found in their record, labelled by the return ("903 return 2025-26: rule
103 — ...", "CIN census 2025-26: rule 4220 — ..."), the 903's first, linking to the child's page to put
it right. The next run, nightly or on demand, takes it off once it is fixed."""

from django.urls import reverse
from django.utils import timezone

from hearth.returns.selectors import to_put_right_by_return


def return_failure_items(referrals) -> list:
    from hearth.worklists.selectors import RecordToPutRight

    names = {referral.child_id: str(referral.child) for referral in referrals}
    items = []
    for found in to_put_right_by_return(names.keys()):
        checked = timezone.localtime(found.run.finished_at)
        label = f"{found.kind.short} {found.run.year_label}"
        found_by = (
            f"{found.kind.validator_name}, {found.run.year_label} {found.kind.noun} checked {checked:%-d %b %Y %H:%M}"
        )
        for failure in found.failures:
            where = f" ({failure.file}, row {failure.row})" if failure.file and failure.row is not None else ""
            items.append(
                RecordToPutRight(
                    child_id=failure.child_id,
                    child_name=names[failure.child_id],
                    what=f"{label}: rule {failure.rule_code} — {failure.message}{where}",
                    found_by=found_by,
                    url=reverse("people:child_detail", args=[failure.child_id]),
                )
            )
    return items
