"""Seeing a child's record is audited like changing it (docs/security.md "Audit"), in one place:
a page whose permission check named a record of a child (`require_perm`), or that said which
children it shows (`shows_children`), writes one `child.view` row per child when a GET is answered
with the page (200). A refused page (403), a missing one (404), a redirect or a failed page wrote
nothing shown, so no view is recorded; the refusal has its own row. Tested over every URL that
takes a child or a record of a child (hearth/core/tests/test_every_record_page_is_audited.py)."""

from hearth.audit.services import child_view_record
from hearth.audit.views_helpers import CHILDREN_SHOWN

SEEING = frozenset({"GET", "HEAD"})


class ChildViewAuditMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        shown = getattr(request, CHILDREN_SHOWN, None)
        if shown and request.method in SEEING and response.status_code == 200:
            match = request.resolver_match
            page = match.view_name if match is not None else request.path
            for child in shown.values():
                child_view_record(actor=request.user, child=child, page=page)
        return response
