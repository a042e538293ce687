"""People's facts in the child's chronology (registered in hearth/records/chronology.py): becoming an
unaccompanied asylum-seeking child and that status ending, and the births of a young person's own
children. Ethnicity, disabilities and the UPN are not events in the child's life, so they are not here."""

from django.urls import reverse
from django.utils import timezone

from hearth.core.chronology import ChronologyEntry
from hearth.people.characteristics_selectors import birthday, own_children_of
from hearth.people.models import UascRecord


def _person(user) -> str:
    return user.get_full_name() or user.username


def chronology_entries(child) -> list[ChronologyEntry]:
    page = reverse("people:child_detail", args=[child.pk])
    entries = []
    status = UascRecord.objects.filter(child=child).select_related("recorded_by").order_by("-id").first()
    if status is not None:
        by = _person(status.recorded_by)
        entries.append(
            ChronologyEntry(
                when=status.uasc_from,
                kind="asylum",
                title="Unaccompanied asylum-seeking child",
                detail="Separated from both parents and claiming asylum",
                by=by,
                url=f"{page}#characteristics",
            )
        )
        eighteen = birthday(child.date_of_birth, 18) if child.date_of_birth else None
        if status.ceased_on is not None:
            title = f"Unaccompanied asylum-seeking status ceased: {status.get_cease_reason_display()}"
            entries.append(ChronologyEntry(when=status.ceased_on, kind="asylum", title=title, by=by))
        elif eighteen is not None and eighteen <= timezone.localdate():
            entries.append(
                ChronologyEntry(when=eighteen, kind="asylum", title="Unaccompanied asylum-seeking status ended at 18")
            )
    for link in own_children_of(child):
        entries.append(
            ChronologyEntry(
                when=link.person.date_of_birth,
                kind="family",
                title=f"Own child born: {link.person}",
                by=_person(link.recorded_by),
                url=f"{page}#family",
            )
        )
    return entries
