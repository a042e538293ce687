"""Who may record a looked-after child's reviews and health checks (the care duties work): the
people working the case, and for reviews also the child's appointed IRO, who chairs them (health
checks stay the social worker's). Kept apart from any care rules module so the care helpers' merges
stay apart; imported by the pages that use it (hearth/care/duty_views.py)."""

import rules

from hearth.care.record_rules import is_the_appointed_iro
from hearth.cin.rules import works_the_case

if not rules.perm_exists("care.record_review"):
    rules.add_perm("care.record_review", works_the_case | is_the_appointed_iro | rules.is_superuser)
if not rules.perm_exists("care.record_health_check"):
    rules.add_perm("care.record_health_check", works_the_case | rules.is_superuser)
