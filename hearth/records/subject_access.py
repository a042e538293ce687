"""The case record's part of a subject access export: every final note (with its amendments) and
every alert about the child. Drafts are not part of the record until finalised."""

from hearth.core.records_as_data import fact_as_data
from hearth.records.models import Alert, CaseNote


def subject_access_sections(child) -> dict:
    notes = (
        CaseNote.objects.filter(links__child=child, finalised_at__isnull=False)
        .select_related("note_type", "author", "last_saved_by", "finalised_by", "signed_off_by")
        .prefetch_related("amendments__amended_by")
        .order_by("event_date", "finalised_at")
    )
    return {
        "case_notes": [
            {
                **fact_as_data(note, leave_out={"last_saved_at", "last_saved_by"}),
                "amendments": [fact_as_data(a, leave_out={"note"}) for a in note.amendments.all()],
            }
            for note in notes
        ],
        "alerts": [
            fact_as_data(alert, leave_out={"child"})
            for alert in Alert.objects.filter(child=child).select_related("alert_type").order_by("raised_on")
        ],
    }
