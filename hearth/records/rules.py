"""Who may read and write a child's notes, alerts and chronology (read by `rules` at start-up).

Reading follows the child: whoever may open the child's page may read their notes, alerts and
chronology and export it. Writing is for the people who work the case; signing off is for managers,
never the note's own writer; an alert, a warning for anyone who meets the child, may also be raised
by the MASH.
"""

import rules

from hearth.core.roles import Role, has_role
from hearth.people.selectors import child_can_be_seen_by

CASE_WORKERS = (Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.SERVICE_MANAGER)
MANAGERS = (Role.TEAM_MANAGER, Role.SERVICE_MANAGER)


@rules.predicate
def sees_child(user, child) -> bool:
    return child is not None and child_can_be_seen_by(user, child)


@rules.predicate
def writes_notes_on_child(user, child) -> bool:
    return child is not None and has_role(user, *CASE_WORKERS) and child_can_be_seen_by(user, child)


@rules.predicate
def sees_a_child_of_the_note(user, note) -> bool:
    from hearth.records.selectors import note_children_visible_to

    return note is not None and note_children_visible_to(user, note).exists()


@rules.predicate
def writes_on_every_child_of_the_note(user, note) -> bool:
    from hearth.records.selectors import note_children_visible_to

    if note is None or not has_role(user, *CASE_WORKERS):
        return False
    return note_children_visible_to(user, note).count() == note.children.count()


@rules.predicate
def signs_off_the_note(user, note) -> bool:
    return (
        note is not None
        and has_role(user, *MANAGERS)
        and note.awaiting_sign_off
        and note.finalised_by_id != user.pk
        and writes_on_every_child_of_the_note(user, note)
    )


@rules.predicate
def raises_alerts_on_child(user, child) -> bool:
    return child is not None and has_role(user, *CASE_WORKERS, Role.MASH_SCREENER) and child_can_be_seen_by(user, child)


@rules.predicate
def ends_the_alert(user, alert) -> bool:
    return alert is not None and raises_alerts_on_child(user, alert.child)


@rules.predicate
def manages_a_team(user) -> bool:
    return has_role(user, *MANAGERS)


rules.add_perm("records.view_record", sees_child)
rules.add_perm("records.export_chronology", sees_child)
rules.add_perm("records.write_note", writes_notes_on_child | rules.is_superuser)
rules.add_perm("records.view_note", sees_a_child_of_the_note)
rules.add_perm("records.edit_note", writes_on_every_child_of_the_note | rules.is_superuser)
rules.add_perm("records.sign_off_note", signs_off_the_note)
rules.add_perm("records.raise_alert", raises_alerts_on_child | rules.is_superuser)
rules.add_perm("records.end_alert", ends_the_alert | rules.is_superuser)
rules.add_perm("records.view_team_recording", manages_a_team | rules.is_superuser)
