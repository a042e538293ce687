"""Reads of notes and alerts, each limited to what the user may see."""

import datetime
from dataclasses import dataclass, field, replace

from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils import timezone
from django.utils.module_loading import import_string

from hearth.people.models import Child
from hearth.people.rows_held import may_hold
from hearth.people.selectors import children_visible_to
from hearth.records.models import Alert, CaseNote, CaseNoteChild, NoteAmendment, NoteStatus


def note_children_visible_to(user, note: CaseNote) -> QuerySet[Child]:
    return children_visible_to(user).filter(pk__in=note.links.values("child_id"))


def _notes_with_detail(notes: QuerySet[CaseNote]) -> QuerySet[CaseNote]:
    return notes.select_related(
        "note_type", "author", "finalised_by", "signed_off_by", "last_saved_by"
    ).prefetch_related(
        Prefetch("children", queryset=Child.objects.order_by("first_name")),
        Prefetch("amendments", queryset=NoteAmendment.objects.select_related("amended_by")),
    )


def notes_for_child(child: Child) -> list[CaseNote]:
    """The child's final notes, newest event first, with their amendments and other children."""
    notes = CaseNote.objects.filter(links__child=child, status=NoteStatus.FINAL)
    return list(_notes_with_detail(notes).order_by("-event_date", "-finalised_at", "-id"))


def recent_notes_for_child(child: Child, count: int) -> tuple[list[CaseNote], int]:
    """The child's newest final notes, and how many final notes they have in all."""
    if not may_hold(child, "records.CaseNoteChild"):
        return [], 0
    notes = CaseNote.objects.filter(links__child=child, status=NoteStatus.FINAL)
    newest = list(_notes_with_detail(notes).order_by("-event_date", "-finalised_at", "-id")[:count])
    return newest, (len(newest) if len(newest) < count else notes.count())  # fewer than asked: that is all


def drafts_for_child(child: Child) -> list[CaseNote]:
    if not may_hold(child, "records.CaseNoteChild"):
        return []
    notes = CaseNote.objects.filter(links__child=child, status=NoteStatus.DRAFT)
    return list(_notes_with_detail(notes).order_by("-last_saved_at"))


def note_detail(note_id: int) -> CaseNote:
    return _notes_with_detail(CaseNote.objects.all()).get(pk=note_id)


def children_shown_with(note: CaseNote, *, user) -> tuple[list[Child], int]:
    """The note's children this user may see, and how many others it covers (named only to
    those who may see them: a sibling's record can be closed to someone who sees this child)."""
    visible_ids = set(note_children_visible_to(user, note).values_list("pk", flat=True))
    children = list(note.children.all())
    return [c for c in children if c.pk in visible_ids], len([c for c in children if c.pk not in visible_ids])


def open_alerts(child: Child) -> list[Alert]:
    if not may_hold(child, "records.Alert"):
        return []
    return list(child.alerts.filter(ended_on__isnull=True).select_related("alert_type", "raised_by"))


def ended_alerts(child: Child) -> list[Alert]:
    return list(child.alerts.filter(ended_on__isnull=False).select_related("alert_type", "raised_by", "ended_by"))


# Notes awaiting sign-off are shown a page at a time: a team behind on sign-off can have hundreds.
NOTES_PER_PAGE = 50


@dataclass(frozen=True)
class TeamRecording:
    recent: list[CaseNote]
    awaiting_sign_off: list[CaseNote]  # this page of them
    awaiting_page: Page  # its number, the count of all of them, and the pages either side
    since: datetime.date


def team_recording(team, *, user, days: int = 28, page=1) -> TeamRecording:
    """A team's recording for its manager: its workers' final notes of events in the last `days`
    days (newest first), and the notes of theirs still waiting for sign-off (oldest first: the
    longest wait at the top), NOTES_PER_PAGE at a time (a page number out of range gives the nearest
    page). Only notes about a child the manager may see."""
    since = timezone.localdate() - datetime.timedelta(days=days)
    visible = CaseNoteChild.objects.filter(note=OuterRef("pk"), child__in=children_visible_to(user))
    team_notes = CaseNote.objects.filter(status=NoteStatus.FINAL, finalised_by__worker__team=team).filter(
        Exists(visible)
    )
    recent = _notes_with_detail(team_notes.filter(event_date__gte=since)).order_by("-event_date", "-finalised_at")
    waiting = _notes_with_detail(team_notes.filter(needs_sign_off=True, signed_off_at__isnull=True)).order_by(
        "finalised_at", "pk"
    )
    awaiting_page = Paginator(waiting, NOTES_PER_PAGE).get_page(page)
    recent, waiting = list(recent), list(awaiting_page.object_list)
    with_children_shown_to(recent + waiting, user=user)
    return TeamRecording(recent=recent, awaiting_sign_off=waiting, awaiting_page=awaiting_page, since=since)


def with_children_shown_to(notes: list[CaseNote], *, user) -> list[CaseNote]:
    """Sets `shown_children` on each note: its children the user may see (a sibling's record may
    be closed to them), and `hidden_children`: how many others it is about."""
    all_ids = {child.pk for note in notes for child in note.children.all()}
    visible = set(children_visible_to(user).filter(pk__in=all_ids).values_list("pk", flat=True))
    for note in notes:
        note.shown_children = [child for child in note.children.all() if child.pk in visible]
        note.hidden_children = len(note.children.all()) - len(note.shown_children)
    return notes


# The open plans the child's summary lists. Each area that holds plans (child protection, child in
# need, care) offers one function `(child) -> list[OpenPlan]` and lists it here once; the summary
# shows "No open plan" until one does.
OPEN_PLAN_SOURCES: tuple[str, ...] = (
    "hearth.protection.summary.open_plans",
    "hearth.cin.summary.open_plans",
    "hearth.care.summary.open_plans",
    "hearth.leavers.summary.open_plans",
)


@dataclass(frozen=True)
class OpenPlan:
    title: str  # "Child protection plan (neglect)"
    started: datetime.date
    url: str = ""
    detail: str = ""  # a line under it, if any: the young person's voice on their latest pathway plan
    # What the page at `url` asks of its reader beyond seeing the child (as a worklist's WorkItem):
    # the summary links the plan only for those it would let in.
    permission: str = ""
    permission_object: object = field(default=None, compare=False)

    def may_be_opened_by(self, user) -> bool:
        return not self.permission or user.has_perm(self.permission, self.permission_object)


def open_plans(child: Child, user=None) -> list[OpenPlan]:
    """The child's open plans, oldest first; given the reader, without the links they may not open."""
    plans = [plan for path in OPEN_PLAN_SOURCES for plan in import_string(path)(child)]
    if user is not None:
        plans = [plan if plan.may_be_opened_by(user) else replace(plan, url="") for plan in plans]
    return sorted(plans, key=lambda plan: plan.started)


# Other children a note about this child may well cover: children reported together in one contact
# (the MASH's record of siblings) and brothers and sisters recorded in the child's family.
RELATED_CHILDREN_SOURCES: tuple[str, ...] = (
    "hearth.records.selectors.children_reported_together",
    "hearth.records.selectors.siblings_on_record",
)


def children_reported_together(child: Child) -> QuerySet[Child]:
    from hearth.frontdoor.models import Contact

    reports = Contact.objects.filter(child=child, report__isnull=False).values("report")
    return Child.objects.filter(contacts__report__in=reports).exclude(pk=child.pk).distinct()


def siblings_on_record(child: Child) -> QuerySet[Child]:
    """Brothers and sisters recorded in the child's family (people.Relationship), current links only."""
    from hearth.people.models import Relationship

    links = Relationship.objects.filter(child=child, other_child__isnull=False, ended_on__isnull=True)
    return Child.objects.filter(pk__in=links.values("other_child"))


def children_a_note_may_cover(children: list[Child], *, user) -> list[Child]:
    """The children offered as ticks on a note: those given, then their brothers and sisters as
    far as Hearth knows them, each only if the writer may see them."""
    related_ids = {
        pk
        for child in children
        for path in RELATED_CHILDREN_SOURCES
        for pk in import_string(path)(child).values_list("pk", flat=True)
    }
    given_ids = [child.pk for child in children]
    visible = {c.pk: c for c in children_visible_to(user).filter(pk__in=set(given_ids) | related_ids)}
    ordered = [visible[pk] for pk in given_ids if pk in visible]
    ordered += sorted((c for pk, c in visible.items() if pk not in given_ids), key=lambda c: (c.first_name, c.pk))
    return ordered
