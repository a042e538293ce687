"""Who may open each page: one declared rule per URL and role, proven by a test that walks every
URL in the project (hearth/core/tests/test_access_rules.py). A page added without a rule here
fails that test, so no page is ever open by accident.

The roles are people as the tests build them (hearth/testing/journeys.py): a social worker and a
team manager in the team holding the example child's case, a social worker in another team, and
one person in each other role. The example child has an open case in that team, came through the
MASH, is allocated, and has an assessment awaiting authorisation.
"""

from enum import StrEnum


class Access(StrEnum):
    ALLOW = "A"  # the page opens (200)
    DENY = "D"  # refused (403 or 404) with nothing of the child in the page
    AGGREGATE = "G"  # the page opens and shows figures only, never a child's name
    REDIRECT = "R"  # sent elsewhere (the sign-in page when signed in; the admin for non-staff)
    POST_ONLY = "P"  # answers GET with 405 (signing out)


PERSONAS = (
    "social_worker",
    "other_team_social_worker",
    "team_manager",
    "screener",
    "service_manager",
    "iro",
    "performance_officer",
    "director",
    "councillor",
)

# fmt: off
GRID = {
    #                               social  other  team   MASH   service IRO  perf   director councillor
    #                               worker  team   mgr    screen mgr          officer
    "home":                         "A      A      A      A      A       A    A      A        A",
    "health":                       "A      A      A      A      A       A    A      A        A",
    "api_openapi":                  "A      A      A      A      A       A    A      A        A",
    "governance:retention":              "D      D      D      D      A       D    D      D        D",
    "login":                        "R      R      R      R      R       R    R      R        R",
    "logout":                       "P      P      P      P      P       P    P      P        P",
    "accounts:second_factor_setup": "A      A      A      A      A       A    A      A        A",
    "accounts:second_factor_verify":"R      R      R      R      R       R    R      R        R",
    # Sign-in through the council's directory: 404 where it is not set up (as in this test); the
    # page that explains a refused directory sign-in answers 403.
    "oidc_authentication_init":     "D      D      D      D      D       D    D      D        D",
    "oidc_authentication_callback": "D      D      D      D      D       D    D      D        D",
    "sso_refused":                  "D      D      D      D      D       D    D      D        D",
    "people:child_search":          "A      A      A      A      A       A    A      A        D",
    "people:child_create":          "D      D      D      A      A       D    D      D        D",
    "people:child_detail":          "A      D      A      A      A       D    A      A        D",
    "people:child_access_log":      "D      D      A      D      A       D    D      A        D",
    # Why a sealed adoption record is opened: only for people given "May open sealed adoption
    # records", and only for a sealed record (the example child is not), so refused to every role.
    "people:sealed_record_open":    "D      D      D      D      D       D    D      D        D",
    "people:child_restriction":     "D      D      D      D      A       D    D      D        D",
    "people:child_subject_access_export":
                                    "D      D      D      D      A       D    D      D        D",
    "people:child_subject_access_pdf":
                                    "D      D      D      D      A       D    D      D        D",
    "frontdoor:contact_list":       "D      D      D      A      A       D    D      D        D",
    "frontdoor:contact_record":     "D      D      D      A      A       D    D      D        D",
    "frontdoor:contact_detail":     "A      D      A      A      A       D    A      A        D",
    "frontdoor:dip_sample_list":    "D      D      D      D      A       D    A      D        D",
    "frontdoor:dip_sample_detail":  "D      D      D      D      A       D    A      D        D",
    "frontdoor:dip_sample_item":    "D      D      D      D      A       D    A      D        D",
    "workforce:allocate":           "D      D      A      D      A       D    D      D        D",
    # Adding the missing reason to an earlier change of worker (the 903's SW_REASON): as allocating.
    "workforce:allocation_reason":  "D      D      A      D      A       D    D      D        D",
    "workforce:close":              "D      D      A      D      A       D    D      D        D",
    "workforce:transfer":           "D      D      A      D      A       D    D      D        D",
    # Issue 19: the weekly caseload review (managers and performance staff); employment details (the
    # service manager, or a system administrator).
    "workforce:weekly_caseloads":   "D      D      A      D      A       D    A      A        D",
    "workforce:workers":            "D      D      D      D      A       D    D      D        D",
    "workforce:worker_employment":  "D      D      D      D      A       D    D      D        D",
    # A worker's supervision: recorded by the manager of the worker's team or a service manager.
    "workforce:worker_supervision": "D      D      A      D      A       D    D      D        D",
    # The weekly exceptions: a team manager's list of their team's overdue items (a service manager's
    # for any team), each recorded as taken up with the worker.
    "workforce:weekly_exceptions":  "D      D      A      D      A       D    D      D        D",
    # A team's funded posts (its vacancies are read against them): as employment details.
    "workforce:team_establishment": "D      D      D      D      A       D    D      D        D",
    "assessment:start":             "A      D      A      D      A       D    D      D        D",
    "assessment:authorise":         "D      D      A      D      A       D    D      D        D",
    "worklists:mine":               "A      A      A      D      D       D    D      D        D",
    "worklists:team":               "D      D      A      D      A       D    D      D        D",
    "performance:index":            "D      D      A      D      A       D    A      A        G",
    "performance:drilldown":        "D      D      A      D      A       D    A      A        D",
    "performance:targets":          "D      D      D      D      A       D    A      D        D",
    "performance:published":        "D      D      A      D      A       D    A      A        G",
    "performance:quarterly":        "D      D      A      D      A       D    A      A        G",
    "performance:published_month":  "D      D      A      D      A       D    A      A        G",
    "performance:published_workbook":"D      D      A      D      A       D    A      A        G",
    # A published month's PDF is kept once made: until then its address sends the reader to the
    # PDF's own page (report_pdf), where it is made in the background with its progress shown.
    "performance:published_month_pdf":
                                    "D      D      R      D      R       D    R      R        R",
    "performance:report_pdf":       "D      D      A      D      A       D    A      A        G",
    "performance:published_changes":"D      D      A      D      A       D    A      A        G",
    "performance:quarterly_pdf":    "D      D      A      D      A       D    A      A        G",
    "performance:quarterly_workbook":
                                    "D      D      A      D      A       D    A      A        G",
    "performance:commentary_edit":  "D      D      D      D      A       D    A      D        D",
    "performance:target_edit":      "D      D      D      D      A       D    A      D        D",
    "performance:population":       "D      D      D      D      A       D    A      D        D",
    "api_indicators":               "D      D      A      D      A       D    A      A        G",
    # The Corporate Parenting Panel report (issue 7): aggregate for every reader, councillors included.
    "performance:corporate_parenting":
                                    "D      D      G      D      G       D    G      G        G",
    "performance:corporate_parenting_pdf":
                                    "D      D      R      D      R       D    R      R        R",
    "performance:corporate_parenting_workbook":
                                    "D      D      G      D      G       D    G      G        G",
    # Assessment (issue 6) ------------------------------------------------------------------------
    "assessment:detail":            "A      D      A      A      A       D    A      A        D",
    "assessment:record":            "A      D      A      D      A       D    D      D        D",
    "assessment:submit":            "A      D      A      D      A       D    D      D        D",
    "assessment:return":            "D      D      A      D      A       D    D      D        D",
    "assessment:backlog":           "D      D      A      D      A       D    D      D        D",
    "assessment:internal_review":   "D      D      A      D      A       D    D      D        D",

    # Child protection (issue 6) ------------------------------------------------------------------
    # (the objects belong to a second child on a plan, whose conferences the IRO persona chairs)
    "protection:strategy_discussion":"A      D      A      D      A       D    D      D        D",
    "protection:section47_outcome": "A      D      A      D      A       D    D      D        D",
    "protection:conference_book":   "A      D      A      D      A       D    D      D        D",
    "protection:conference_detail": "A      D      A      A      A       A    A      A        D",
    "protection:conference_hold":   "D      D      A      D      A       A    D      D        D",
    "protection:checklist":         "D      D      D      D      D       A    D      D        D",
    "protection:escalation_raise":  "D      D      D      D      D       A    D      D        D",
    "protection:escalation_step":   "D      D      D      D      D       A    D      D        D",
    "protection:review_conference": "D      D      A      D      A       A    D      D        D",
    "protection:review_book":       "D      D      A      D      A       A    D      D        D",
    "protection:core_group":        "A      D      A      D      A       D    D      D        D",
    "protection:chairs_work":       "D      D      D      D      D       A    D      D        D",
    "protection:plan_end":          "D      D      A      D      A       A    D      D        D",

    # Children in need and visits (issue 6) -------------------------------------------------------
    "cin:start":                    "A      D      A      D      A       D    D      D        D",
    "cin:review":                   "A      D      A      D      A       D    D      D        D",
    "cin:end":                      "A      D      A      D      A       D    D      D        D",
    "cin:up_to_date_plans":         "D      D      G      D      G       D    G      G        D",
    "visits:record":                "A      D      A      D      A       D    D      D        D",

    # Case record: notes, alerts, chronology (issue 4) ---------------------------------------------
    "records:note_list":            "A      D      A      A      A       D    A      A        D",
    "records:note_new":             "A      D      A      D      A       D    D      D        D",
    "records:note_detail":          "A      D      A      A      A       D    A      A        D",
    "records:note_edit":            "A      D      A      D      A       D    D      D        D",
    "records:note_amend":           "A      D      A      D      A       D    D      D        D",
    "records:chronology":           "A      D      A      A      A       D    A      A        D",
    "records:chronology_pdf":       "A      D      A      A      A       D    A      A        D",
    "records:alert_new":            "A      D      A      A      A       D    D      D        D",
    "records:alert_update":         "A      D      A      A      A       D    D      D        D",
    "records:team_recording":       "D      D      A      D      A       D    D      D        D",

    # People, family, search and documents (issue 4) ----------------------------------------------
    "people:child_identity_edit":   "A      D      A      D      A       D    D      D        D",
    "people:former_name_add":       "A      D      A      D      A       D    D      D        D",
    "people:relationship_add":      "A      D      A      D      A       D    D      D        D",
    "people:relationship_end":      "A      D      A      D      A       D    D      D        D",
    "people:ethnicity_record":      "A      D      A      D      A       D    D      D        D",
    "people:upn_unknown_record":    "A      D      A      D      A       D    D      D        D",
    "people:disabilities_record":   "A      D      A      D      A       D    D      D        D",
    "people:uasc_record":           "A      D      A      D      A       D    D      D        D",
    "people:former_upn_record":     "A      D      A      D      A       D    D      D        D",
    "people:expected_birth_record": "A      D      A      D      A       D    D      D        D",
    "people:death_record":          "A      D      A      D      A       D    D      D        D",
    "documents:upload":             "A      D      A      A      A       D    D      D        D",
    "documents:download":           "A      D      A      A      A       D    A      A        D",

    # Looked-after children: the care record (issue 4) ---------------------------------------------
    "care:care_start":              "A      D      A      D      A       D    D      D        D",
    "care:period":                  "A      D      A      A      A       D    A      A        D",
    "care:legal_status_change":     "A      D      A      D      A       D    D      D        D",
    "care:placement_change":        "A      D      A      D      A       D    D      D        D",
    "care:care_end":                "A      D      A      D      A       D    D      D        D",
    # An emergency decision to look after a child, approved afterwards: a service manager or the director.
    "care:decision_approve":        "D      D      D      D      A       D    D      A        D",
    "care:care_plan_record":        "A      D      A      D      A       D    D      D        D",
    "care:deprivation_of_liberty":  "A      D      A      D      A       D    D      D        D",
    # The register of placement providers: read by whoever records placements, kept by managers and
    # performance officers (issue 14).
    "care:providers":               "A      A      A      D      A       D    A      D        D",
    "care:provider_add":            "D      D      A      D      A       D    A      D        D",
    "care:provider_edit":           "D      D      A      D      A       D    A      D        D",
    # Looked-after children's duties: reviews and health checks (issue 7) --------------------------
    "duties:review_record":           "A      D      A      D      A       A    D      D        D",
    "duties:health_check_record":     "A      D      A      D      A       D    D      D        D",
    # A looked-after review's page, and its chair's challenge: the quality checklist and concerns
    # raised through the dispute resolution procedure (the IRO persona chaired the example review).
    "duties:review_detail":           "A      D      A      A      A       A    A      A        D",
    "duties:review_checklist":        "D      D      D      D      D       A    D      D        D",
    "duties:review_concern_raise":    "D      D      D      D      D       A    D      D        D",
    # Personal education plans and health plans (issue 17): recorded and corrected by those who
    # record the child's health checks.
    "duties:pep_record":              "A      D      A      D      A       D    D      D        D",
    "duties:pep_correct":             "A      D      A      D      A       D    D      D        D",
    "duties:health_plan_record":      "A      D      A      D      A       D    D      D        D",
    "duties:health_plan_correct":     "A      D      A      D      A       D    D      D        D",
    # The facts the 903's OC2 file reads (SDQs, immunisations and development checks, convictions,
    # substance misuse): recorded by those who record the child's health checks.
    "duties:sdq_record":              "A      D      A      D      A       D    D      D        D",
    "duties:health_status_record":    "A      D      A      D      A       D    D      D        D",
    "duties:conviction_record":       "A      D      A      D      A       D    D      D        D",
    "duties:substance_misuse_record": "A      D      A      D      A       D    D      D        D",
    # Correcting one of them recorded wrongly: the same people.
    "duties:sdq_correct":             "A      D      A      D      A       D    D      D        D",
    "duties:health_status_correct":   "A      D      A      D      A       D    D      D        D",
    "duties:conviction_correct":      "A      D      A      D      A       D    D      D        D",
    "duties:substance_misuse_correct":
                                      "A      D      A      D      A       D    D      D        D",
    # Missing and away from placement (issue 14): read as the child's record is; recorded by the
    # people working the case (the looked-after sibling, no IRO appointed, so the IRO is refused)
    "missing:episode":                "A      D      A      A      A       D    A      A        D",
    "missing:episode_record":         "A      D      A      D      A       D    D      D        D",
    "missing:return_record":          "A      D      A      D      A       D    D      D        D",
    "missing:interview_record":       "A      D      A      D      A       D    D      D        D",
    "missing:episode_correct":        "A      D      A      D      A       D    D      D        D",
    # Care leavers (issue 7) -------------------------------------------------------------------------
    # (the young person is a former relevant care leaver in the north team, sharing the example
    # child's surname so that a leak would show)
    "leavers:leaver_list":             "A      G      A      D      A       D    D      D        D",
    "leavers:leaver":                  "A      D      A      D      A       D    D      D        D",
    "leavers:leaver_contact":          "A      D      A      D      A       D    D      D        D",
    "leavers:pathway_plan_review":     "A      D      A      D      A       D    D      D        D",
    "leavers:support_to_25_request":   "A      D      A      D      A       D    D      D        D",
    "leavers:support_to_25_withdrawal":
                                       "A      D      A      D      A       D    D      D        D",
    # Permanence and adoption (issue 14): previous permanence for the looked-after sibling's period,
    # the decision that they should be placed for adoption, its reversal and the match
    "permanence:previous_permanence":  "A      D      A      D      A       D    D      D        D",
    "permanence:previous_permanence_correct":
                                       "A      D      A      D      A       D    D      D        D",
    "permanence:adoption_decision":    "A      D      A      D      A       D    D      D        D",
    "permanence:adoption_decision_reverse":
                                       "A      D      A      D      A       D    D      D        D",
    "permanence:adoption_match":       "A      D      A      D      A       D    D      D        D",
    "permanence:permanence_plan":      "A      D      A      D      A       D    D      D        D",
    "permanence:tracker":              "D      D      A      D      A       D    A      D        D",
    # Foster carers and sufficiency (issue 18): households are not a child's record, so the pages
    # follow the role; children placed are named only to those who may see them. Managers approve,
    # change a status and grant exemptions; social workers and managers record staying put.
    "fostering:sufficiency":           "A      A      A      D      A       D    A      A        D",
    "fostering:household":             "A      A      A      D      A       D    A      A        D",
    "fostering:household_approve":     "D      D      A      D      A       D    D      D        D",
    "fostering:household_status":      "D      D      A      D      A       D    D      D        D",
    "fostering:placement_exemption":   "D      D      A      D      A       D    D      D        D",
    "fostering:household_terms":       "D      D      A      D      A       D    D      D        D",
    "fostering:staying_put":           "A      A      A      D      A       D    D      D        D",
    "fostering:staying_put_end":       "A      A      A      D      A       D    D      D        D",
    # Case audits (quality): auditors are service managers, quality officers and team managers who
    # may see the child and do not hold the case; workers read their cases' audits and complete
    # the actions for them (the team manager too); councillors never see an audit of a child.
    "quality:audit_list":           "D      D      A      D      A       D    A      A        D",
    "quality:audit_record":         "D      D      A      D      A       D    A      D        D",
    "quality:audit_detail":         "A      D      A      D      A       D    A      A        D",
    "quality:action_complete":      "A      D      A      D      D       D    D      D        D",
    # Case supervision on a child's file: a manager of the team holding the case, or a service manager.
    "quality:case_supervision_record":
                                    "D      D      A      D      A       D    D      D        D",
    # Performance clinics: held by service managers, performance officers and directors, read by them and
    # team managers; an action is completed by its owner (the example's is the social worker's), their
    # team manager or whoever holds clinics. Councillors see no clinic (its rows name children).
    "quality:clinic_list":          "D      D      A      D      A       D    A      A        D",
    "quality:clinic_new":           "D      D      D      D      A       D    A      A        D",
    "quality:clinic_detail":        "D      D      A      D      A       D    A      A        D",
    "quality:clinic_action_complete":
                                    "A      D      A      D      A       D    A      A        D",
    # Independent reviewing officers (the IRO persona is appointed to the reviews-and-health-checks
    # sibling's period, not to the other looked-after sibling's, whose period page stays closed to them)
    "iro:iro_appoint":             "D      D      A      D      A       D    D      D        D",
    "duties:children_i_review":       "D      D      D      D      D       A    D      D        D",
    "iro:children_without_iro":    "D      D      A      D      A       D    D      D        D",
    # The statutory returns (they name children, so never a councillor's): the performance team runs
    # and reads them; "Run now" answers only a POST.
    "returns:ssda903":             "D      D      D      D      D       D    A      D        D",
    "returns:ssda903_run":         "P      P      P      P      P       P    P      P        P",
    "returns:cin_census":          "D      D      D      D      D       D    A      D        D",
    "returns:cin_census_run":      "P      P      P      P      P       P    P      P        P",
    "returns:run_progress":        "D      D      D      D      D       D    A      D        D",
    "returns:run_files":           "D      D      D      D      D       D    A      D        D",
    # The returns beside the catalogue, with the children whose counts differ: as the Returns page.
    "returns:reconciliation":      "D      D      D      D      D       D    A      D        D",
    "returns:reconciliation_run":  "P      P      P      P      P       P    P      P        P",
    "returns:reconciliation_progress": "D  D      D      D      D       D    A      D        D",
    # Ofsted's Annex A (lists naming children): performance officers and service managers.
    "returns:annex_a":             "D      D      D      D      A       D    A      D        D",
    # Issue 16: the Import page, its runs and their progress: system administrators (superusers) only.
    "migration:import":            "D      D      D      D      D       D    D      D        D",
    "migration:run":               "D      D      D      D      D       D    D      D        D",
    "migration:run_progress":      "D      D      D      D      D       D    D      D        D",

}
# fmt: on


def _rules_from_grid(grid: dict[str, str]) -> dict[str, dict[str, Access]]:
    rules = {}
    for name, row in grid.items():
        cells = row.split()
        if len(cells) != len(PERSONAS):
            raise ValueError(f"{name}: {len(cells)} entries for {len(PERSONAS)} roles")
        rules[name] = {persona: Access(cell) for persona, cell in zip(PERSONAS, cells, strict=True)}
    return rules


ACCESS_RULES: dict[str, dict[str, Access]] = _rules_from_grid(GRID)
# Django's admin is for the council's system administrators (staff accounts), none of these roles.
ADMIN_NAMESPACE_RULE = dict.fromkeys(PERSONAS, Access.REDIRECT)
