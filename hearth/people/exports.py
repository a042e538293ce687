"""A child's whole record as data, for a subject access request (UK GDPR article 15).

Everything Hearth holds about the child, in one JSON document: identity, contacts and screening
decisions (with partner checks), cases, allocations, assessments, identifiers and former names,
family and relationships, the list of documents (the files themselves are downloaded separately),
and who has viewed or changed the record. Third parties' details are included as recorded; the
council's information governance team redacts before release, as it would with paper files.
"""

import datetime
import re

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.module_loading import import_string
from django.utils.safestring import SafeString

from hearth.audit.labels import action_label
from hearth.audit.models import AuditEvent

# Each area that holds facts about a child adds them through one function
# `(child) -> dict of section name -> list of facts as data`, listed here once.
SUBJECT_ACCESS_SOURCES: tuple[str, ...] = (
    "hearth.protection.subject_access.subject_access_sections",
    "hearth.cin.subject_access.subject_access_sections",
    "hearth.care.subject_access.subject_access_sections",
    "hearth.records.subject_access.subject_access_sections",
    "hearth.quality.subject_access.subject_access_sections",
    "hearth.people.subject_access.subject_access_sections",
    "hearth.people.subject_access.characteristics_sections",
)


def _when(value):
    """Times in UK time, dates as dates, both as ISO text."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat()
    return value.isoformat()


def _person(user):
    return None if user is None else (user.get_full_name() or user.username)


def subject_access_record(child) -> dict:
    contacts = (
        child.contacts.select_related("source", "recorded_by", "decided_by")
        .prefetch_related("partner_checks__asked_by")
        .order_by("received_at")
    )
    referrals = (
        child.referrals.select_related("team", "source")
        .prefetch_related(
            "allocations__worker__user",
            "assessments__worker__user",
            "assessments__authorised_by",
            "assessments__factors",
            "assessments__returns",
        )
        .order_by("referral_date")
    )
    return {
        "generated_at": timezone.localtime().isoformat(),
        "child": {
            "hearth_id": child.hearth_id,
            "first_name": child.first_name,
            "last_name": child.last_name,
            "date_of_birth": _when(child.date_of_birth),
            "sex": child.get_sex_display(),
            "nhs_number": child.nhs_number or None,
            "upn": child.upn or None,
            "record_created": _when(child.created_at),
            "former_names": [
                {"first_name": f.first_name, "last_name": f.last_name, "used_until": _when(f.used_until)}
                for f in child.former_names.all()
            ],
        },
        "family_and_relationships": [
            {
                "relationship": r.relationship_type.label,
                "name": str(r.person) if r.person else f"{r.other_child} ({r.other_child.hearth_id})",
                "date_of_birth": _when(r.person.date_of_birth) if r.person else None,
                "address": r.person.address if r.person else None,
                "phone": r.person.phone if r.person else None,
                "parental_responsibility": r.has_parental_responsibility,
                "lives_in_household": r.lives_in_household,
                "from": _when(r.started_on),
                "to": _when(r.ended_on),
                "end_reason": r.end_reason or None,
                "recorded_by_mistake": r.ended_in_error,
            }
            for r in child.relationships.select_related("relationship_type", "person", "other_child").order_by("id")
        ],
        "documents": [
            {
                "title": d.title,
                "type": d.document_type.label,
                "dated": _when(d.dated_on),
                "file_name": d.original_name,
                "size": d.size,
                "sha256": d.sha256,
                "uploaded_at": _when(d.uploaded_at),
                "uploaded_by": _person(d.uploaded_by),
            }
            for d in child.documents.select_related("document_type", "uploaded_by").order_by("dated_on", "id")
        ],
        "contacts": [
            {
                "received_at": _when(c.received_at),
                "source": c.source.label,
                "made_by": c.contact_person,
                "account": c.account,
                "recorded_by": _person(c.recorded_by),
                "urgency": c.get_urgency_display(),
                "decision": c.get_decision_display() if c.decision else None,
                "decided_at": _when(c.decided_at),
                "decided_by": _person(c.decided_by),
                "reason": c.decision_reason or None,
                "cse_concern": c.cse_concern,
                "cse_team_referral": c.cse_team_referral,
                "partner_checks": [
                    {
                        "agency": p.get_agency_display(),
                        "asked_at": _when(p.asked_at),
                        "answered_at": _when(p.answered_at),
                        "answer": p.answer or None,
                    }
                    for p in c.partner_checks.all()
                ],
            }
            for c in contacts
        ],
        "cases": [
            {
                "referral_date": _when(r.referral_date),
                "source": r.source.label,
                "team": r.team.name,
                "primary_need": r.get_primary_need_display(),
                "closed_on": _when(r.closed_on),
                "closure_reason": r.get_closure_reason_display() if r.closure_reason else None,
                "allocations": [
                    {"worker": str(a.worker), "from": _when(a.started_on), "to": _when(a.ended_on)}
                    for a in r.allocations.all()
                ],
                "assessments": [
                    {
                        "worker": str(a.worker),
                        "started_on": _when(a.started_on),
                        "authorised_on": _when(a.authorised_on),
                        "authorised_by": _person(a.authorised_by),
                        "outcome": a.get_outcome_display() if a.outcome else None,
                        "factors": [f"{f.code} {f.label}" for f in a.factors.all()],
                        "wishes_and_feelings": a.wishes_and_feelings,
                        "child_seen_on": _when(a.child_seen_on),
                        "child_seen_alone": a.child_seen_alone,
                        "developmental_needs": a.developmental_needs,
                        "parenting_capacity": a.parenting_capacity,
                        "family_environment": a.family_environment,
                        "analysis": a.analysis,
                        "recommendation": a.recommendation,
                        "authorisation_reasons": a.authorisation_reasons,
                        "submitted_on": _when(a.submitted_on),
                        "returns": [
                            {
                                "submitted_on": _when(r.submitted_on),
                                "returned_on": _when(r.returned_on),
                                "reason": r.reason,
                            }
                            for r in a.returns.all()
                        ],
                    }
                    for a in r.assessments.all()
                ],
            }
            for r in referrals
        ],
        **_area_sections(child),
        "access_record": [
            {
                "at": _when(e.at),
                "who": _person(e.actor) or "Hearth (system)",
                "what": action_label(e.action),
                "action": e.action,
            }
            for e in AuditEvent.objects.filter(child=child).select_related("actor").order_by("at", "id")
        ],
    }


def _area_sections(child) -> dict:
    sections = {}
    for path in SUBJECT_ACCESS_SOURCES:
        sections |= import_string(path)(child)
    return sections


def record_as_html(data) -> SafeString:
    """The export's data as readable HTML for its PDF: a heading per section, each fact as a list
    of its details; nothing left out, nothing added."""
    return format_html_join("", "<h2>{}</h2>{}", ((_label(key), _html(value)) for key, value in data.items()))


# Words the export's keys abbreviate, as a person reading their file would expect them written.
WORDS_IN_FULL = {
    "nhs": "NHS",
    "upn": "unique pupil number (UPN)",
    "uasc": "unaccompanied asylum-seeking child",
    "id": "ID",
    "cse": "child sexual exploitation",
    "sha256": "SHA-256 checksum",
    "iro": "independent reviewing officer",
    "sdq": "strengths and difficulties questionnaire",
    "pep": "personal education plan",
    "cin": "child in need",
    "cp": "child protection",
    "icpc": "initial child protection conference",
    "rhi": "return home interview",
}
# Keys that are bookkeeping, not facts about the child: left out of the readable copy (the JSON
# keeps them, for the council's information governance team).
LEFT_OUT_OF_THE_READABLE_COPY = {"action"}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def _label(key: str) -> str:
    words = [WORDS_IN_FULL.get(word.lower(), word) for word in str(key).replace("_", " ").split()]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def _readable(value: str) -> str:
    """Dates as a person writes them ("3 March 2026"), times with the hour in UK time, not ISO text."""
    if ISO_DATE.match(value):
        return date_format(datetime.date.fromisoformat(value), "j F Y")
    if ISO_DATE_TIME.match(value):
        try:
            moment = datetime.datetime.fromisoformat(value)
        except ValueError:
            return value
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return date_format(moment, "j F Y, H:i")
    return value


def _html(value) -> SafeString:
    if isinstance(value, dict):
        rows = format_html_join(
            "",
            "<dt>{}</dt><dd>{}</dd>",
            ((_label(k), _html(v)) for k, v in value.items() if k not in LEFT_OUT_OF_THE_READABLE_COPY),
        )
        return format_html("<dl>{}</dl>", rows)
    if isinstance(value, list):
        if not value:
            return format_html("<p>{}</p>", "None recorded.")
        return format_html_join("", '<div class="hearth-fact">{}</div>', ((_html(item),) for item in value))
    if value is None or value == "":
        return format_html("{}", "–")
    if isinstance(value, bool):
        return format_html("{}", "Yes" if value else "No")
    if isinstance(value, str):
        value = _readable(value)
    return format_html('<span class="hearth-prose">{}</span>', value)
