"""Pages of a child's record: notes, alerts, the chronology and its PDF; a team's recording."""

from dataclasses import replace

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from hearth.audit.services import audit_record
from hearth.audit.views_helpers import require_perm, shows_children
from hearth.core import drafts
from hearth.core.roles import Role, has_role
from hearth.core.shared_reads import shared_reads
from hearth.core.text import ASCII_DIGITS
from hearth.people.models import Child
from hearth.records import selectors, services
from hearth.records.child_page import child_for_page
from hearth.records.child_page import child_page as child_page_context
from hearth.records.chronology import chronology_for
from hearth.records.forms import (
    AlertEndForm,
    AlertForm,
    AlertReviewForm,
    AmendmentForm,
    ChronologyFilterForm,
    NoteForm,
)
from hearth.records.models import Alert, CaseNote
from hearth.records.pdf import chronology_pdf_bytes, print_stylesheet
from hearth.records.rules import MANAGERS
from hearth.workforce.models import Team

# How the chronology names the kinds of fact it can filter by; a kind not listed here is shown
# as written by its area ("visit" as "Visit").
KIND_LABELS = {
    "note": "Case notes",
    "oversight": "Management oversight",
    "alert": "Alerts",
    "contact": "Contacts",
    "referral": "Referrals",
    "assessment": "Assessments",
    "conference": "Conferences",
    "plan": "Plans",
    "visit": "Visits",
    "missing": "Missing episodes",
}


def child_page(request, pk: int):
    """The child's page (hearth/records/child_page.py composes it from every app's section)."""
    child = child_for_page(pk, request.user)
    if not request.user.has_perm("people.view_child", child) and request.user.has_perm(
        "people.open_sealed_record", child
    ):
        # A sealed adoption record this person may open but has not opened with a reason (or whose
        # opening has expired): ask why first. Anyone else is refused below, as for any child.
        return redirect("people:sealed_record_open", pk=child.pk)
    require_perm(request, "people.view_child", child)
    # The page's sections ask many of the same questions (the period of care, the clocks, the
    # visiting plan, the last visit): inside one shared-reads block each is read once for the page.
    with shared_reads():
        return render(request, "records/child_page.html", child_page_context(user=request.user, child=child))


def _child(pk: int) -> Child:
    return get_object_or_404(Child, pk=pk)


# Notes -----------------------------------------------------------------------------------------


def note_list(request, child_id: int):
    child = _child(child_id)
    require_perm(request, "records.view_record", child)
    return render(
        request,
        "records/note_list.html",
        {
            "child": child,
            "notes": selectors.with_children_shown_to(selectors.notes_for_child(child), user=request.user),
            "drafts": [
                (draft, request.user.has_perm("records.edit_note", draft))
                for draft in selectors.drafts_for_child(child)
            ],
            "can_write": request.user.has_perm("records.write_note", child),
            "can_raise": request.user.has_perm("records.raise_alert", child),
            "ended_alerts": selectors.ended_alerts(child),
        },
    )


def _note_form(request, *, children, note=None, data=None):
    initial = {"children": [c.pk for c in children], "version": note.version if note else None}
    if note is None:
        initial["event_date"] = timezone.localdate()  # most notes are written the day of the event
    if note is not None:
        initial.update(
            note_type=note.note_type_id or "",
            event_date=note.event_date,
            present=note.present,
            childs_voice=note.childs_voice,
            text=note.text,
        )
    return NoteForm(
        data,
        initial=initial,
        child_choices=selectors.children_a_note_may_cover(children, user=request.user),
        manager=has_role(request.user, *MANAGERS) or request.user.is_superuser,
    )


def note_new(request, child_id: int):
    """Start a note about the child (and any brothers and sisters it also covers)."""
    child = _child(child_id)
    require_perm(request, "records.write_note", child)
    form = _note_form(request, children=[child], data=request.POST or None)
    if request.method == "POST":
        return _save_note(request, form, note=None, back_to_child=child)
    return _render_note_form(request, form, note=None, children=[child])


def note_edit(request, pk: int):
    """Carry on with a draft (anyone working with all of its children); a final note is amended."""
    note = get_object_or_404(CaseNote, pk=pk)
    require_perm(request, "records.edit_note", note)
    if note.is_final:
        messages.error(request, services.ERROR_NOTE_FINAL)
        return redirect("records:note_detail", pk=note.pk)
    children = list(note.children.order_by("first_name", "pk"))
    form = _note_form(request, children=children, note=note, data=request.POST or None)
    if request.method == "POST":
        return _save_note(request, form, note=note, back_to_child=children[0])
    return _render_note_form(request, form, note=note, children=children)


def _save_note(request, form, *, note, back_to_child):
    """Save draft, autosave (JSON for the page's script) or finalise: the draft is saved first in
    every case, so a refused finalise still keeps every word typed."""
    action = request.POST.get("action", "save")
    autosave = drafts.is_autosave(request)
    if not form.is_valid():
        if autosave:
            return drafts.refused(_first_error(form))
        children = list(note.children.order_by("first_name", "pk")) if note else [back_to_child]
        return _render_note_form(request, form, note=note, children=children)
    saved = None
    try:
        saved = services.note_draft_save(
            actor=request.user,
            note_id=note.pk if note else None,
            version=form.cleaned_data["version"] if note else None,
            **form.service_arguments(),
        )
        if action == "finalise":
            saved = services.note_finalise(actor=request.user, note_id=saved.pk, version=saved.version)
    except services.StaleDraftError as stale:
        return _stale(request, form, stale, autosave=autosave)
    except ValidationError as error:
        if autosave:
            return drafts.refused(" ".join(error.messages))
        form.add_service_error(error)
        current = saved or note  # the draft as saved, when the refusal came at finalising
        if current is not None:
            current.refresh_from_db()
            data = form.data.copy()
            data["version"] = str(current.version)
            form.data = data
        children = list(current.children.order_by("first_name", "pk")) if current else [back_to_child]
        return _render_note_form(request, form, note=current, children=children)
    if autosave:
        return drafts.saved(
            version=saved.version,
            saved_at=saved.last_saved_at,
            edit_url=reverse("records:note_edit", args=[saved.pk]),
        )
    if saved.is_final:
        messages.success(
            request, "Note finalised" + (": it now waits for a manager's sign-off" if saved.needs_sign_off else "")
        )
        return redirect("records:note_detail", pk=saved.pk)
    messages.success(request, f"Draft saved at {timezone.localtime(saved.last_saved_at):%H:%M}")
    return redirect("records:note_edit", pk=saved.pk)


def _stale(request, form, stale, *, autosave: bool):
    current = stale.current
    changes = _changes(form, current)
    if autosave:
        return drafts.stale(request, message=stale.messages[0], changes=changes)
    # The page keeps what this person typed and now carries the stored version: having seen what
    # the other person changed, saving again is a choice, not an accident.
    data = form.data.copy()
    data["version"] = str(current.version)
    rebound = _note_form(request, children=list(current.children.all()), note=current, data=data)
    rebound.is_valid()
    rebound.add_error(None, stale.messages[0])
    return _render_note_form(request, rebound, note=current, children=list(current.children.all()), changes=changes)


def _changes(form, current: CaseNote) -> list[dict]:
    """Each field the other person's save made different from what this person has typed."""
    typed = form.cleaned_data
    fields = form.fields

    def label(name):
        return fields[name].label

    return drafts.changes(
        [
            (
                label("note_type"),
                current.note_type.label if current.note_type else "",
                dict(fields["note_type"].choices).get(typed.get("note_type"), "") if typed.get("note_type") else "",
            ),
            (
                label("event_date"),
                f"{current.event_date:%-d %B %Y}" if current.event_date else "",
                f"{typed['event_date']:%-d %B %Y}" if typed.get("event_date") else "",
            ),
            (label("present"), current.present, typed.get("present", "").strip()),
            (label("childs_voice"), current.childs_voice, typed.get("childs_voice", "").strip()),
            (label("text"), current.text, typed.get("text", "").strip()),
        ]
    )


def _render_note_form(request, form, *, note, children, changes=None):
    shows_children(request, *children)
    return render(
        request,
        "records/note_form.html",
        {
            "form": form,
            "note": note,
            "children": children,
            "child": children[0],
            "changes": changes or [],
            "now": timezone.now(),
        },
    )


def _first_error(form) -> str:
    for errors in form.errors.values():
        return errors[0]
    return "The draft could not be saved"


def note_detail(request, pk: int):
    note = get_object_or_404(CaseNote, pk=pk)
    require_perm(request, "records.view_note", note)
    if request.method == "POST" and request.POST.get("action") == "sign_off":
        require_perm(request, "records.sign_off_note", note)
        try:
            services.note_sign_off(actor=request.user, note_id=note.pk)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Note signed off")
        return redirect("records:note_detail", pk=note.pk)
    note = selectors.note_detail(note.pk)
    visible_children, hidden_count = selectors.children_shown_with(note, user=request.user)
    shows_children(request, *visible_children)
    return render(
        request,
        "records/note_detail.html",
        {
            "note": note,
            "children": visible_children,
            "child": visible_children[0],
            "hidden_count": hidden_count,
            "can_edit": not note.is_final and request.user.has_perm("records.edit_note", note),
            "can_amend": note.is_final and request.user.has_perm("records.edit_note", note),
            "can_sign_off": request.user.has_perm("records.sign_off_note", note),
        },
    )


def note_amend(request, pk: int):
    note = get_object_or_404(CaseNote, pk=pk)
    require_perm(request, "records.edit_note", note)
    if not note.is_final:
        return redirect("records:note_edit", pk=note.pk)
    form = AmendmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.note_amend(actor=request.user, note_id=note.pk, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "Amendment added beside the note")
            return redirect("records:note_detail", pk=note.pk)
    note = selectors.note_detail(note.pk)
    visible_children, _ = selectors.children_shown_with(note, user=request.user)
    shows_children(request, *visible_children)
    return render(request, "records/note_amend.html", {"form": form, "note": note, "child": visible_children[0]})


def team_recording(request):
    """A team's recent recording and its notes awaiting sign-off, for the team's manager."""
    require_perm(request, "records.view_team_recording")
    if has_role(request.user, Role.SERVICE_MANAGER) or request.user.is_superuser:
        teams = Team.objects.all()
    else:
        teams = Team.objects.filter(workers__user=request.user)
    chosen = request.GET.get("team")
    team = get_object_or_404(teams, pk=chosen) if chosen and ASCII_DIGITS.fullmatch(chosen) else teams.first()
    recording = selectors.team_recording(team, user=request.user, page=request.GET.get("page")) if team else None
    return render(request, "records/team_recording.html", {"teams": teams, "team": team, "recording": recording})


# Alerts ----------------------------------------------------------------------------------------


def alert_new(request, child_id: int):
    child = _child(child_id)
    require_perm(request, "records.raise_alert", child)
    today = timezone.localdate()
    form = AlertForm(request.POST or None, initial={"raised_on": today})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.alert_raise(
                actor=request.user,
                child_id=child.pk,
                alert_type_code=data["alert_type"].pk,
                reason=data["reason"],
                raised_on=data["raised_on"],
                review_on=data["review_on"],
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "Alert raised: it shows on every page of the child's record")
            return redirect("records:note_list", child_id=child.pk)
    return render(request, "records/alert_form.html", {"form": form, "child": child})


def alert_update(request, pk: int):
    """Review an alert (it still applies: the next review date) or end it, with the reason."""
    alert = get_object_or_404(Alert.objects.select_related("child", "alert_type", "raised_by"), pk=pk)
    require_perm(request, "records.end_alert", alert)
    action = request.POST.get("action")
    review_form = AlertReviewForm(request.POST if action == "review" else None, prefix="review")
    end_form = AlertEndForm(
        request.POST if action == "end" else None, prefix="end", initial={"ended_on": timezone.localdate()}
    )
    if alert.is_open and action in ("review", "end"):
        form = review_form if action == "review" else end_form
        if form.is_valid():
            try:
                if action == "review":
                    services.alert_review(actor=request.user, alert_id=alert.pk, **form.cleaned_data)
                else:
                    services.alert_end(
                        actor=request.user,
                        alert_id=alert.pk,
                        ended_on=form.cleaned_data["ended_on"],
                        reason=form.cleaned_data["end_reason"],
                    )
            except ValidationError as error:
                form.add_service_error(error)
            else:
                messages.success(request, "Alert reviewed" if action == "review" else "Alert ended")
                return redirect("records:note_list", child_id=alert.child_id)
    return render(
        request,
        "records/alert_update.html",
        {
            "alert": alert,
            "child": alert.child,
            "review_form": review_form,
            "end_form": end_form,
            "today": timezone.localdate(),
        },
    )


# The chronology ----------------------------------------------------------------------------------


def _chronology_context(request, child):
    everything = chronology_for(child)
    present_kinds = sorted(
        {entry.kind for entry in everything}, key=lambda k: list(KIND_LABELS).index(k) if k in KIND_LABELS else 99
    )
    form = ChronologyFilterForm(
        request.GET if "kinds" in request.GET else None,
        kinds=[(kind, KIND_LABELS.get(kind, kind.replace("_", " ").capitalize())) for kind in present_kinds],
    )
    chosen = set(form.cleaned_data["kinds"]) if form.is_bound and form.is_valid() else set()
    entries = [entry for entry in everything if entry.kind in chosen] if chosen else everything
    entries = [entry if entry.may_be_opened_by(request.user) else replace(entry, url="") for entry in entries]
    return {
        "child": child,
        "entries": entries,
        "form": form,
        "chosen": sorted(chosen),
        "kind_labels": KIND_LABELS,
        "total": len(everything),
        "printed_at": timezone.localtime(),
    }


def chronology(request, child_id: int):
    child = _child(child_id)
    require_perm(request, "records.view_record", child)
    context = _chronology_context(request, child)
    query = request.GET.urlencode()
    context["pdf_url"] = reverse("records:chronology_pdf", args=[child.pk]) + (f"?{query}" if query else "")
    return render(request, "records/chronology.html", context)


def chronology_pdf(request, child_id: int):
    """The chronology (as filtered) as a PDF, for court or for the young person: from the same
    list template as the page; audited as an export of the child's record."""
    child = _child(child_id)
    require_perm(request, "records.export_chronology", child)
    context = _chronology_context(request, child)
    context["printed_by"] = request.user.get_full_name() or request.user.username
    context["stylesheet"] = print_stylesheet()
    audit_record(
        actor=request.user,
        action="child.export",
        child=child,
        obj=child,
        detail={"format": "pdf", "what": "chronology", "kinds": context["chosen"], "entries": len(context["entries"])},
    )
    html = render_to_string("records/chronology_pdf.html", context, request=request)
    response = HttpResponse(chronology_pdf_bytes(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="chronology-{child.hearth_id}.pdf"'
    return response
