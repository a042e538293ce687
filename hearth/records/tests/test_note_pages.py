"""The note pages: writing, the two-people-on-one-draft refusal, siblings, and a team's recording."""

import datetime

from django.test import Client
from django.urls import reverse

from hearth.records import services
from hearth.records.models import CaseNote, NoteStatus
from hearth.records.services import note_draft_save, note_finalise


def note_post(child_ids, today, *, action="save", text="Visited at home", version="", other=""):
    return {
        "children": [str(pk) for pk in child_ids],
        "other_children": other,
        "note_type": "HOME_VISIT",
        "event_date_day": str(today.day),
        "event_date_month": str(today.month),
        "event_date_year": str(today.year),
        "present": "Mum, Ava",
        "childs_voice": "Ava said she likes her new school",
        "text": text,
        "version": str(version),
        "action": action,
    }


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_social_worker_writes_a_note_about_two_sisters_and_it_shows_on_each_record(staff, family, today):
    client = signed_in(staff.social_worker.user)
    ava, bea = family["ava"], family["bea"]
    response = client.post(
        reverse("records:note_new", args=[ava.pk]),
        note_post([ava.pk], today, action="finalise", other=bea.hearth_id, text="Both girls seen together"),
    )
    note = CaseNote.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("records:note_detail", args=[note.pk])
    assert note.status == NoteStatus.FINAL and set(note.children.all()) == {ava, bea}
    for child in (ava, bea):
        page = client.get(reverse("records:note_list", args=[child.pk])).content.decode()
        assert "Both girls seen together" in page
        assert "Ava said she likes her new school" in page
        detail = client.get(reverse("people:child_detail", args=[child.pk])).content.decode()
        assert f"Home visit, {today:%-d %B %Y}" in detail


def test_a_child_the_writer_cannot_see_cannot_be_attached_by_hearth_id(staff, family, today):
    client = signed_in(staff.social_worker.user)
    ava, cousin = family["ava"], family["cousin"]
    response = client.post(
        reverse("records:note_new", args=[ava.pk]), note_post([ava.pk], today, other=cousin.hearth_id)
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert services.ERROR_CHILD_NOT_YOURS in page and "Cal Marchbank" not in page
    assert not CaseNote.objects.exists()


def test_the_child_a_reader_cannot_see_is_not_named_on_a_note_about_both(staff, family, today):
    note = note_draft_save(
        actor=staff.service_manager,
        child_ids=[family["ava"].pk, family["cousin"].pk],
        note_type_code="MEETING",
        event_date=today,
        text="Family meeting about both cousins",
    )
    note_finalise(actor=staff.service_manager, note_id=note.pk, version=note.version)
    nina = signed_in(staff.social_worker.user)
    for url in (
        reverse("records:note_detail", args=[note.pk]),
        reverse("records:note_list", args=[family["ava"].pk]),
        reverse("records:chronology", args=[family["ava"].pk]),
    ):
        page = nina.get(url).content.decode()
        assert "Family meeting about both cousins" in page, url
        assert "Cal" not in page, url
    assert (
        "1 other child whose record you cannot see"
        in nina.get(reverse("records:note_list", args=[family["ava"].pk])).content.decode()
    )


def test_two_people_on_one_draft_the_stale_save_is_refused_showing_what_changed(staff, family, today):
    ava = family["ava"]
    nina, tomas = signed_in(staff.social_worker.user), signed_in(staff.team_manager.user)
    draft = note_draft_save(actor=staff.social_worker.user, child_ids=[ava.pk], text="Started by Nina")
    edit = reverse("records:note_edit", args=[draft.pk])
    # Both open the draft at version 1.
    assert f'value="{draft.version}"' in nina.get(edit).content.decode()
    assert tomas.get(edit).status_code == 200
    assert nina.post(edit, note_post([ava.pk], today, text="Nina's account", version=draft.version)).status_code == 302

    response = tomas.post(edit, note_post([ava.pk], today, text="Tomas's account", version=draft.version))
    page = response.content.decode()
    assert response.status_code == 200  # the form again, with the refusal at the top
    assert "Nina Tester saved this draft at" in page
    assert "What the other person changed" in page and "Nina&#x27;s account" in page
    assert "Tomas&#x27;s account</textarea>" in page  # what Tomas typed is still on his screen
    draft.refresh_from_db()
    assert draft.text == "Nina's account" and draft.version == 2
    assert 'name="version" value="2"' in page  # having seen it, saving again is his choice

    assert tomas.post(edit, note_post([ava.pk], today, text="Tomas's account", version=2)).status_code == 302
    draft.refresh_from_db()
    assert draft.text == "Tomas's account" and draft.last_saved_by == staff.team_manager.user


def test_autosave_answers_in_json_and_refuses_a_stale_version_with_409(staff, family, today):
    ava = family["ava"]
    client = signed_in(staff.social_worker.user)
    response = client.post(reverse("records:note_new", args=[ava.pk]), note_post([ava.pk], today, action="autosave"))
    answer = response.json()
    note = CaseNote.objects.get()
    assert answer["saved"] and answer["version"] == 1
    assert answer["edit_url"] == reverse("records:note_edit", args=[note.pk])
    edit = answer["edit_url"]
    assert (
        client.post(edit, note_post([ava.pk], today, action="autosave", text="more", version=1)).json()["version"] == 2
    )
    stale = client.post(edit, note_post([ava.pk], today, action="autosave", text="older tab", version=1))
    assert stale.status_code == 409 and stale.json()["stale"]
    assert [change["field"] for change in stale.json()["changes"]] == ["Note"]
    note.refresh_from_db()
    assert note.text == "more"


def test_a_final_note_cannot_be_edited_through_its_edit_page(staff, family, today):
    ava = family["ava"]
    client = signed_in(staff.social_worker.user)
    client.post(reverse("records:note_new", args=[ava.pk]), note_post([ava.pk], today, action="finalise"))
    note = CaseNote.objects.get()
    response = client.post(
        reverse("records:note_edit", args=[note.pk]), note_post([ava.pk], today, text="Rewritten", version=note.version)
    )
    assert response.status_code == 302 and response["Location"] == reverse("records:note_detail", args=[note.pk])
    note.refresh_from_db()
    assert note.text == "Visited at home"


def test_a_future_date_on_the_form_keeps_the_text_and_saves_nothing(staff, family, today):
    ava = family["ava"]
    tomorrow = today + datetime.timedelta(days=1)
    data = note_post([ava.pk], tomorrow, action="finalise", text="Keep every word of this")
    response = signed_in(staff.social_worker.user).post(reverse("records:note_new", args=[ava.pk]), data)
    page = response.content.decode()
    assert services.ERROR_DATE_IN_FUTURE in page and "Keep every word of this</textarea>" in page
    assert not CaseNote.objects.exists()


def test_amending_from_the_page_shows_the_amendment_beside_the_note(staff, family, today):
    ava = family["ava"]
    client = signed_in(staff.social_worker.user)
    client.post(reverse("records:note_new", args=[ava.pk]), note_post([ava.pk], today, action="finalise"))
    note = CaseNote.objects.get()
    response = client.post(
        reverse("records:note_amend", args=[note.pk]), {"text": "Dad was also present", "reason": "Left out by mistake"}
    )
    assert response.status_code == 302
    page = client.get(reverse("records:note_detail", args=[note.pk])).content.decode()
    assert "Dad was also present" in page and "Reason: Left out by mistake" in page and "Visited at home" in page


def test_the_manager_sees_the_teams_recording_and_signs_off_from_it(staff, family, today):
    ava = family["ava"]
    signed_in(staff.social_worker.user).post(
        reverse("records:note_new", args=[ava.pk]), note_post([ava.pk], today, action="finalise")
    )
    note = CaseNote.objects.get()
    manager = signed_in(staff.team_manager.user)
    assert reverse("records:team_recording") in manager.get(reverse("worklists:team")).content.decode()
    page = manager.get(reverse("records:team_recording")).content.decode()
    assert "Notes awaiting your sign-off (1)" in page and reverse("records:note_detail", args=[note.pk]) in page
    assert manager.post(reverse("records:note_detail", args=[note.pk]), {"action": "sign_off"}).status_code == 302
    note.refresh_from_db()
    assert note.signed_off_by == staff.team_manager.user
    assert "Notes awaiting your sign-off (0)" in manager.get(reverse("records:team_recording")).content.decode()


def test_a_social_worker_cannot_sign_off_through_the_page(staff, family, today):
    ava = family["ava"]
    nina = signed_in(staff.social_worker.user)
    nina.post(reverse("records:note_new", args=[ava.pk]), note_post([ava.pk], today, action="finalise"))
    note = CaseNote.objects.get()
    assert nina.post(reverse("records:note_detail", args=[note.pk]), {"action": "sign_off"}).status_code == 403
    note.refresh_from_db()
    assert note.awaiting_sign_off


def test_what_changed_lists_only_the_fields_that_differ(staff, family, today):
    ava = family["ava"]
    client = signed_in(staff.social_worker.user)
    draft = note_draft_save(actor=staff.team_manager.user, child_ids=[ava.pk], text="Tomas first")
    note_draft_save(actor=staff.team_manager.user, note_id=draft.pk, version=1, child_ids=[ava.pk], text="Tomas again")
    data = note_post([ava.pk], today, action="autosave", text="Nina's", version=1)
    data.update(note_type="", present="", childs_voice="", event_date_day="", event_date_month="", event_date_year="")
    stale = client.post(reverse("records:note_edit", args=[draft.pk]), data).json()
    assert stale["changes"] == [{"field": "Note", "theirs": "Tomas again", "yours": "Nina's"}]
