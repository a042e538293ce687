"""Drafts saved as the writer types: the one mechanism behind a case note's draft and an
assessment's narrative (docs/records.md, "Drafts are never lost").

The page's form carries `data-draft-autosave`, its version field and the status line
(`core/draft_status.html`); `hearth/static/hearth/draft-autosave.js` posts the form with
`action=autosave` a few seconds after typing stops. The view saves through its own service (which
checks the version, as for any save) and answers with one of the three replies below. A save from
an older version is refused with the other person's saved version of each field that differs
(`core/draft_conflict.html`, the same markup the page shows when "Save draft" meets the conflict),
and what was typed stays on the screen.
"""

from django.http import JsonResponse
from django.template.loader import render_to_string
from django.utils import timezone

AUTOSAVE = "autosave"  # the value of the form's `action` the script sends


def is_autosave(request) -> bool:
    return request.method == "POST" and request.POST.get("action") == AUTOSAVE


def saved(*, version: int, saved_at, edit_url: str) -> JsonResponse:
    """The draft is saved: the script carries the new version (and address, for a new draft) on."""
    return JsonResponse(
        {
            "saved": True,
            "version": version,
            "saved_at": timezone.localtime(saved_at).strftime("%H:%M:%S"),
            "edit_url": edit_url,
        }
    )


def refused(message: str) -> JsonResponse:
    """Not saved because of what was typed (a date that is not a date): the script says why and
    tries again when the writer types on."""
    return JsonResponse({"saved": False, "message": message}, status=400)


def stale(request, *, message: str, changes: list[dict]) -> JsonResponse:
    """Someone else saved after this page was opened: autosave stops, and the page shows theirs."""
    html = render_to_string(
        "core/draft_conflict.html", {"changes": changes, "message": message, "autosave": True}, request=request
    )
    return JsonResponse(
        {"saved": False, "stale": True, "message": message, "changes": changes, "conflict_html": html}, status=409
    )


def changes(fields: list[tuple[str, str, str]]) -> list[dict]:
    """Each field (label, what is stored now, what this person typed) where the two differ, for
    `core/draft_conflict.html`: theirs beside yours."""
    return [
        {"field": str(label), "theirs": stored or "", "yours": typed or ""}
        for label, stored, typed in fields
        if (stored or "") != (typed or "")
    ]
