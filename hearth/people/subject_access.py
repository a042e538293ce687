"""The seal's part of a subject access export: the adoption order that sealed the record, when and
by whom, and every opening of it since, with the reason and explanation given. An adopted adult
asking for their records sees who opened them and why."""

from django.utils import timezone

from hearth.people.models import SealedRecord, SealedRecordOpening


def _when(value):
    return None if value is None else timezone.localtime(value).isoformat()


def _person(user):
    return user.get_full_name() or user.username


def subject_access_sections(child) -> dict:
    seal = SealedRecord.objects.filter(child=child).select_related("sealed_by").first()
    if seal is None:
        return {"sealed_adoption_record": []}
    openings = SealedRecordOpening.objects.filter(child=child).select_related("opened_by").order_by("opened_at", "id")
    return {
        "sealed_adoption_record": [
            {
                "adoption order on": seal.adoption_order_on.isoformat(),
                "sealed on": _when(seal.sealed_at),
                "sealed by": _person(seal.sealed_by),
                "openings": [
                    {
                        "opened at": _when(opening.opened_at),
                        "opened by": _person(opening.opened_by),
                        "reason": opening.get_reason_display(),
                        "explanation": opening.explanation,
                        "open until": _when(opening.expires_at),
                    }
                    for opening in openings
                ],
            }
        ]
    }


def characteristics_sections(child) -> dict:
    """The child's characteristics, every recording (not only those in force), with who recorded
    each and when: ethnicity, why the UPN was not known, disabilities, asylum-seeking status."""
    from hearth.people.characteristics_selectors import characteristics_history, history_rows

    return {
        "characteristics": [
            {
                "characteristic": row["what"],
                "recorded as": row["value"],
                "applies from": row["applies_from"].isoformat(),
                "recorded by": _person(row["recorded_by"]),
                "recorded at": _when(row["recorded_at"]),
                "in force today": row["in_force"],
            }
            for row in history_rows(characteristics_history(child))
        ]
    }
